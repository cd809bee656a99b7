package org.jamesxmpp.core.c2s;

import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;

/** A bound resource of a logged-in user. Thread-safe: stanzas may be delivered from any thread. */
public interface ClientSession {
    EntityFullJid jid();

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
}
