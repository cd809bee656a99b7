package org.jamesxmpp.core.s2s;

/** How the peer domain of an incoming stream was authenticated. */
public enum AuthMethod {
    DIALBACK,
    SASL_EXTERNAL
}
