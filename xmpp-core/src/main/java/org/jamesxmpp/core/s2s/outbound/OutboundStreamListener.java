package org.jamesxmpp.core.s2s.outbound;

import java.util.Optional;

/**
 * What the handler of an outgoing stream tells the stanza queue it carries: the only way from the handler to the
 * queue, and the handler asks it nothing. Called on the channel's event loop; {@link #terminated} exactly once.
 */
public interface OutboundStreamListener {
    /**
     * Authenticated: stanzas may be written.
     *
     * @param piggyback present when further local domains may be authenticated over this stream (XEP-0220)
     */
    void established(StanzaWire wire, boolean streamManagement, Optional<PiggybackAuthenticator> piggyback);

    /** The peer handled {@code h} stanzas in total (XEP-0198). */
    void acked(long h);

    /** The peer answered the db:result for {@code localDomain} sent over this stream. */
    void piggybackAnswered(String localDomain, boolean valid);

    /** The channel takes writes again. */
    void writable();

    /** Nothing went over the stream for the idle timeout. */
    void idle();

    /** The stream ended, however it ended: everything it carried must be settled now. */
    void terminated(TerminationCause cause);
}
