package org.jamesxmpp.core.s2s.inbound;

/**
 * The states of an incoming stream. {@link #next} is the whole transition table; a pair that is not in it is a bug
 * of ours (peer input that does not fit a state is refused before an event is raised).
 */
enum InboundState {
    /** Nothing authenticated; waiting for the peer's stream header (at the start, after STARTTLS). */
    AWAITING_HEADER,
    /** Header answered, nothing authenticated: STARTTLS, SASL EXTERNAL, dialback; stanzas are refused. */
    NEGOTIATING,
    /** A pair authenticated by SASL; waiting for the restarted stream's header. */
    AUTHENTICATED_AWAITING_HEADER,
    /** Header answered, at least one domain pair authenticated: stanzas are accepted. */
    AUTHENTICATED,
    /** We ended the stream: nothing more is read or answered. */
    CLOSED;

    InboundState next(InboundEvent event) {
        if (event == InboundEvent.CLOSE) {
            return CLOSED;
        }
        return switch (this) {
            case AWAITING_HEADER -> expect(event, InboundEvent.HEADER_ANSWERED, NEGOTIATING);
            case AUTHENTICATED_AWAITING_HEADER -> expect(event, InboundEvent.HEADER_ANSWERED, AUTHENTICATED);
            case NEGOTIATING -> switch (event) {
                case STARTTLS_PROCEEDED -> AWAITING_HEADER;
                case SASL_SUCCEEDED -> AUTHENTICATED_AWAITING_HEADER;
                case DIALBACK_VALID -> AUTHENTICATED;
                default -> illegal(event);
            };
            case AUTHENTICATED -> switch (event) {
                case STARTTLS_PROCEEDED, SASL_SUCCEEDED -> AUTHENTICATED_AWAITING_HEADER;
                case DIALBACK_VALID -> AUTHENTICATED;
                default -> illegal(event);
            };
            case CLOSED -> CLOSED;
        };
    }

    /** Whether top-level elements are read (the header is answered and the stream not ended). */
    boolean isOpen() {
        return this == NEGOTIATING || this == AUTHENTICATED;
    }

    /** Whether at least one domain pair is authenticated on the stream (and it is not ended). */
    boolean isAuthenticated() {
        return this == AUTHENTICATED || this == AUTHENTICATED_AWAITING_HEADER;
    }

    /** Whether our side of the current stream has no header yet (a stream error must send one first). */
    boolean awaitsHeader() {
        return this == AWAITING_HEADER || this == AUTHENTICATED_AWAITING_HEADER;
    }

    private InboundState expect(InboundEvent event, InboundEvent expected, InboundState target) {
        return event == expected ? target : illegal(event);
    }

    private InboundState illegal(InboundEvent event) {
        throw new IllegalStateException("No transition from " + this + " on " + event);
    }
}
