package org.jamesxmpp.core.s2s.inbound;

/** What moves an incoming stream from one {@link InboundState} to the next. */
enum InboundEvent {
    /** The peer's stream header passed the checks and was answered with ours (and our features). */
    HEADER_ANSWERED,
    /** We sent {@code <proceed/>}: TLS starts and the stream restarts. */
    STARTTLS_PROCEEDED,
    /** We sent SASL {@code <success/>}: a domain pair is authenticated and the stream restarts. */
    SASL_SUCCEEDED,
    /** A dialback key was verified valid: a domain pair is authenticated, the stream goes on. */
    DIALBACK_VALID,
    /** We end the stream (answering the peer's end, idle, timeout, stream error, failure). */
    CLOSE
}
