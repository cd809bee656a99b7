package org.jamesxmpp.core.s2s;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.StanzaError;

/** Why an outgoing stanza was not delivered. The stanza was NOT delivered when this is raised. */
public class DeliveryException extends RuntimeException {
    public enum Reason {
        /** No route, connection refused, or the stream never opened. */
        REMOTE_SERVER_NOT_FOUND,
        /** The peer opened a stream but did not answer in time (negotiation, dialback or acks). */
        REMOTE_SERVER_TIMEOUT,
        /** The peer refused to authenticate us (dialback invalid, SASL failure, stream error). */
        AUTHENTICATION_FAILED,
        /** The stream broke before the peer acknowledged the stanza. */
        STREAM_BROKEN,
        /** The peer answered with a stanza error: see {@link #stanzaError()}. */
        STANZA_ERROR,
        /** Too many stanzas waiting for this peer. */
        QUEUE_FULL,
        /** The stanza cannot be sent (missing or foreign from/to). */
        INVALID_STANZA,
        /** The engine is stopping. */
        SHUTDOWN
    }

    private final Reason reason;
    private final Optional<StanzaErrorException> stanzaError;
    private final Optional<Instant> notTriedBefore;

    public DeliveryException(Reason reason, String message) {
        this(reason, message, Optional.empty());
    }

    private DeliveryException(Reason reason, String message, Optional<Instant> notTriedBefore) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.stanzaError = Optional.empty();
        this.notTriedBefore = notTriedBefore;
    }

    /**
     * No connection was attempted: one to the peer failed recently, and the engine does not try it again before
     * {@code notTriedBefore}. A retry sooner would be refused the same way.
     */
    public static DeliveryException notTriedBefore(Reason reason, String message, Instant notTriedBefore) {
        return new DeliveryException(reason, message, Optional.of(notTriedBefore));
    }

    public DeliveryException(StanzaErrorException stanzaError) {
        super(Reason.STANZA_ERROR + ": " + stanzaError.getMessage(), stanzaError);
        this.reason = Reason.STANZA_ERROR;
        this.stanzaError = Optional.of(stanzaError);
        this.notTriedBefore = Optional.empty();
    }

    public Reason reason() {
        return reason;
    }

    public Optional<StanzaErrorException> stanzaError() {
        return stanzaError;
    }

    /** Set when the engine refused to connect without trying: when it tries that peer again at the earliest. */
    public Optional<Instant> notTriedBefore() {
        return notTriedBefore;
    }

    /** Whether trying again later may succeed. */
    public boolean isTemporary() {
        return switch (reason) {
            case REMOTE_SERVER_NOT_FOUND, REMOTE_SERVER_TIMEOUT, AUTHENTICATION_FAILED, STREAM_BROKEN, QUEUE_FULL,
                SHUTDOWN -> true;
            case STANZA_ERROR -> stanzaError.map(error -> error.type() == StanzaError.Type.WAIT)
                .orElse(false);
            case INVALID_STANZA -> false;
        };
    }
}
