package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamXml;

/**
 * How an incoming stream ends: what the peer is told before our {@code </stream:stream>}, or nothing at all when
 * the connection is just dropped ({@link #drop()}: TLS or I/O failure).
 */
record InboundEnding(Optional<String> lastElement, boolean abort) {
    /** Our {@code </stream:stream>}: the peer ended its stream, or ours was idle. */
    static InboundEnding streamEnd() {
        return new InboundEnding(Optional.empty(), false);
    }

    static InboundEnding error(StreamErrorCondition condition) {
        return new InboundEnding(Optional.of(StreamXml.streamError(condition)), false);
    }

    /** RFC 6120 5.4.2.2: STARTTLS refused. */
    static InboundEnding startTlsFailure() {
        return new InboundEnding(Optional.of(StreamXml.startTlsFailure()), false);
    }

    static InboundEnding drop() {
        return new InboundEnding(Optional.empty(), true);
    }
}
