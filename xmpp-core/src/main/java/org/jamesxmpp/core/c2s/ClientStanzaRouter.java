package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jivesoftware.smack.packet.Presence;
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

    /** A roster get or set of the user (iq {@code id}, its {@code <query/>}). Without a roster store: an empty roster. */
    default void roster(ClientSession session, String id, String type, XmlElement query) {
        session.deliver("get".equals(type)
            ? ClientStreamXml.iqResult(id, Optional.empty(), "<query xmlns='" + RosterXml.NAMESPACE + "'/>")
            : ClientStreamXml.stanzaError("iq", id, Optional.empty(), "cancel", "service-unavailable"));
    }

    /**
     * An XEP-0050 command of the user to the server (iq {@code id}, from {@code server}, its {@code <command/>}):
     * XEP-0133 service administration ({@link AdminCommands}). Without it: {@code service-unavailable}.
     */
    default void command(ClientSession session, String id, String server, XmlElement command) {
        session.deliver(ClientStreamXml.stanzaError("iq", id, Optional.of(server), "cancel", "service-unavailable"));
    }

    /** A presence the client broadcast (no {@code to}, RFC 6121 4.2, 4.4, 4.5), stamped with its full JID. */
    default void broadcast(ClientSession session, Presence presence) {
    }

    /** The session's stream ended, after it was unbound: an available resource goes unavailable (RFC 6121 4.5.2). */
    default void ended(ClientSession session) {
    }
}
