package org.jamesxmpp.core.s2s.outbound;

/** What the connection manager hears from an outgoing stream, besides its end. Called on the stream's event loop. */
public interface StreamEvents {
    StreamEvents NONE = new StreamEvents() {
    };

    default void established(OutgoingStream stream) {
    }

    /** The peer did not accept {@code localDomain} on this stream: its stanzas go back to the connection manager. */
    default void piggybackRefused(OutgoingStream stream, String localDomain) {
    }
}
