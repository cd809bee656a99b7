package org.jamesxmpp.core.c2s;

import org.jivesoftware.smack.packet.Stanza;

/**
 * Takes the stanzas a bound client sends to anyone but its own server: local users, remote XMPP domains, mail.
 * The stanza's {@code from} is the session's full JID (the stream checked and stamped it). Called on an event
 * loop: must not block; errors go back to the session as stanza errors.
 */
@FunctionalInterface
public interface ClientStanzaRouter {
    void route(ClientSession session, Stanza stanza);
}
