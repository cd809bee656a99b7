package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jivesoftware.smack.packet.Stanza;

/**
 * Takes the stanzas a bound client sends to anyone but its own server: local users, remote XMPP domains, mail.
 * The stanza's {@code from} is the session's full JID (the stream checked and stamped it). Called on an event
 * loop: must not block; errors go back to the session as stanza errors.
 */
@FunctionalInterface
public interface ClientStanzaRouter {
    void route(ClientSession session, Stanza stanza);

    /**
     * An XEP-0313 query of the user's own archive (iq {@code id}): the results, then the {@code <fin/>} (or an error)
     * go to the session. Without an archive: {@code service-unavailable}.
     */
    default void queryArchive(ClientSession session, String id, ArchiveQuery query) {
        session.deliver(ClientStreamXml.stanzaError("iq", id, Optional.empty(), "cancel", "service-unavailable"));
    }
}
