package org.jamesxmpp.core.s2s;

/** A local domain talking to a remote one: the unit of an outgoing stream. */
public record DomainPair(String local, String remote) {
}
