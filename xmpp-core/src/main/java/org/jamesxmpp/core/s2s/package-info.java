/**
 * Our XMPP server-to-server engine (RFC 6120, XEP-0220 dialback with XEP-0185 keys, STARTTLS,
 * XEP-0178 SASL EXTERNAL, XEP-0198 stream management) on Netty.
 *
 * <p>Entry point: {@link org.jamesxmpp.core.s2s.S2sServer}, built from an immutable
 * {@link org.jamesxmpp.core.s2s.S2sSettings}, a {@link org.jamesxmpp.core.s2s.LocalDomains}
 * and one {@link org.jamesxmpp.core.s2s.InboundStanzaHandler}.
 *
 * <p>Delivery semantics of {@code S2sServer.send}: with a peer that does XEP-0198 (Prosody 0.12
 * with {@code mod_smacks}, or this engine) the stanza is delivered when the peer acknowledged it,
 * and the peer acknowledges only after handling it. We request an acknowledgement after every
 * ten stanzas and at the end of each write batch; a stream that breaks fails every stanza not
 * acknowledged yet ({@code STREAM_BROKEN}), so nothing is reported delivered that the peer did
 * not get; stanzas still queued (never written) when an established stream breaks go on a new
 * stream once. Prosody only advertises stream management on authenticated streams, so after
 * dialback we send {@code <enable/>} unadvertised; a peer that refuses it with a stream error is
 * remembered and reconnected without stream management. Residual risk without XEP-0198: a
 * stanza counts as delivered once written and the stream stayed up
 * {@code unackedDeliveryGrace} after it (or closed cleanly); a peer that accepts the bytes and
 * then crashes before handling them loses the stanza while we report it delivered.
 *
 * <p>Incoming stanzas are acknowledged only after the handler's completion stage completed
 * (for mail: after the spool enqueue), in order. A handler failure with a
 * {@link org.jamesxmpp.core.s2s.StanzaErrorException} sends that stanza error back; any other
 * failure sends {@code internal-server-error} (wait). An error stanza from a peer that matches
 * a pending send (same remote domain and id) fails that send with {@code STANZA_ERROR}; once the
 * send completed, such an error goes to the handler like any other stanza.
 *
 * <p>Threads: a few Netty event loops serve every stream; nothing blocks them except
 * {@link org.jamesxmpp.core.s2s.LocalDomains#isLocal}, which must answer from memory.
 * Host names of routes are resolved on a small separate pool.
 *
 * <p>Not done yet: XEP-0288 bidirectional streams, piggybacking several local domains on one
 * outgoing stream (one stream per domain pair instead), XEP-0198 resumption, re-sending
 * unacknowledged stanzas on a new stream (they fail instead and the caller retries),
 * engine-level reconnect backoff (the caller's retry schedule applies).
 */
package org.jamesxmpp.core.s2s;
