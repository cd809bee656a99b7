package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/** A bound resource of a logged-in user. Thread-safe: stanzas may be delivered from any thread. */
public interface ClientSession {
    EntityFullJid jid();

    /** How the user logged in (the SASL mechanism), for the trace of its mail. */
    AuthMethod authMethod();

    /** Whether the client's stream is encrypted (STARTTLS). */
    boolean encrypted();

    /** The client's IP address, for trace headers only. */
    String remoteAddress();

    /** Writes the stanza to the client; false when the client does not read fast enough and it was not written. */
    boolean deliver(Stanza stanza);

    /** Writes raw XML (already a complete stanza in the client's namespace). */
    boolean deliver(String xml);

    /** Whether the client asked for XEP-0280 carbon copies. */
    boolean carbonsEnabled();

    void carbonsEnabled(boolean enabled);

    /**
     * The resource's last broadcast presence (RFC 6121 4.2, 4.4): empty before its initial presence and after it went
     * unavailable; only then is the resource "available" and gets presence and subscription requests.
     */
    Optional<Presence> presence();

    void presence(Optional<Presence> presence);

    /** Whether the client asked for its roster: only such "interested" resources get roster pushes (RFC 6121 2.1.6). */
    boolean rosterRequested();

    void rosterRequested(boolean requested);

    /**
     * Remembers that the resource sent available presence straight to {@code jid} (RFC 6121 4.6), so that it goes
     * unavailable there too; false when {@code max} addresses are remembered already. Unavailable forgets it.
     */
    boolean directedPresence(Jid jid, Presence.Type type, int max);

    /** The addresses the resource sent directed available presence to, forgotten as they are returned. */
    Set<Jid> takeDirectedPresences();
}
