package org.jamesxmpp.mailets.capability;

/** Which network wins for a domain reachable over both XMPP and SMTP. */
public enum Preference {
    XMPP,
    SMTP
}
