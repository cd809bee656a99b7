/**
 * Our XMPP server-to-server engine (RFC 6120, XEP-0220 dialback with XEP-0185 keys, STARTTLS,
 * XEP-0178 SASL EXTERNAL, XEP-0198 stream management) on Netty.
 *
 * <p>Entry point: {@link org.jamesxmpp.core.s2s.S2sServer}, built from an immutable
 * {@link org.jamesxmpp.core.s2s.S2sSettings}, a {@link org.jamesxmpp.core.s2s.LocalDomains}
 * and one {@link org.jamesxmpp.core.s2s.InboundStanzaHandler}.
 *
 * <p>Delivery semantics of {@code S2sServer.send}: a stanza is delivered only once the peer
 * acknowledged it. With a peer that does XEP-0198 (Prosody 0.12 with {@code mod_smacks}, or this
 * engine) that is its {@code <a h=.../>}, and the peer acknowledges only after handling the
 * stanza. With a peer without it (ejabberd 23.01 on s2s, Prosody without {@code mod_smacks}) we
 * send an XEP-0199 ping ({@code <iq type='get'>}) on the same stream after the stanzas: a peer
 * processes the stanzas of a stream in order (RFC 6120 10.1), so its answer (the result, or an
 * iq error: any answer) proves it processed every stanza written before the ping. The answer
 * comes back on the peer's own stream to us, where {@code InboundStanzas} takes it; we answer
 * peers' pings there too, and these answers ask for no acknowledgement in turn. We request an
 * acknowledgement (an {@code <r/>} or a ping) after every ten stanzas and at the end of each
 * write batch; no answer within {@code responseTimeout} breaks the stream
 * ({@code REMOTE_SERVER_TIMEOUT}). However a stream ends (broken, closed cleanly, closed after a
 * {@code <stream:error>}), every stanza not acknowledged yet fails ({@code STREAM_BROKEN} unless
 * the cause says otherwise) and the caller retries it: nothing is reported delivered that the
 * peer did not confirm; stanzas still queued (never written) when an established stream breaks
 * go on a new stream once. Prosody only advertises stream management on authenticated streams,
 * so after dialback we send {@code <enable/>} unadvertised; a peer that refuses it with a stream
 * error is remembered and reconnected without stream management. Residual risk: a stanza the
 * peer processed whose acknowledgement was lost (stream broken in between) is retried and may
 * arrive twice; a peer that cannot open a stream back to us never answers a ping, so its
 * stanzas time out and are retried.
 *
 * <p>Incoming stanzas are acknowledged only after the handler's completion stage completed
 * (for mail: after the spool enqueue), in order; a peer's XEP-0199 ping is answered only once
 * every stanza received before it on that stream completed, so that its answer means what a
 * peer without XEP-0198 takes it for. A handler failure with a
 * {@link org.jamesxmpp.core.s2s.StanzaErrorException} sends that stanza error back; any other
 * failure sends {@code internal-server-error} (wait). An error stanza from a peer that matches
 * a send (same remote domain, id and recipient: the error's {@code from}; one registry,
 * {@code outbound.PendingSends}) fails it with {@code STANZA_ERROR} while it waits for its
 * acknowledgement; once it was acknowledged, the error goes with the ticket the sender gave
 * (kept in the {@link org.jamesxmpp.core.store.LateErrorStore}, by default 24 hours and at most
 * 100,000 sends, persistent in the JPA flavour) to the
 * {@link org.jamesxmpp.core.s2s.LateErrorListener} registered for the ticket's route.
 * Errors matching none of our sends go to the handler like any other stanza.
 *
 * <p>Reconnect backoff ({@code outbound.ConnectBackoff}): when a connection attempt to a remote
 * domain fails (no route, refused, or no answer within {@code responseTimeout} before the stream
 * was established), sends to that domain fail at once with the same reason
 * ({@code REMOTE_SERVER_NOT_FOUND} or {@code REMOTE_SERVER_TIMEOUT}) without opening a socket,
 * for {@code reconnectBackoffBase} (default 1 s), doubled for each further failure in a row up
 * to {@code reconnectBackoffCap} (default 60 s), measured with the injected {@code Clock}. A
 * stream that gets established resets it. Authentication failures, broken established streams
 * and the reconnect without stream management do not count. The defaults stay below the retry
 * delays of {@code XmppRemoteDelivery}, whose schedule still decides when a mail is tried again.
 *
 * <p>Piggybacking (XEP-0220 multiplexing): a stanza from a second local domain to a remote domain
 * that already has an established outgoing stream offering dialback (Prosody 0.12, this engine)
 * is not given a new connection: a {@code db:result} for the new (local, remote) pair goes over
 * that stream and the stanzas wait for its answer. {@code valid} → they are written on the
 * shared stream (one stanza queue and one XEP-0198 counter per connection); {@code invalid} or
 * {@code error}, no answer within {@code responseTimeout}, or the stream ending while waiting →
 * the peer is remembered as refusing and every pair to it gets a stream of its own from then on
 * (the waiting stanzas go there). A peer that answers a piggybacked {@code db:result} by closing
 * the whole stream costs the stanzas in flight on it ({@code STREAM_BROKEN}, the caller retries)
 * once. {@link org.jamesxmpp.core.s2s.S2sServer#outgoingStreams()} lists every pair, piggybacked
 * or not. Incoming streams accept several {@code db:result}s (several authenticated domain pairs
 * per stream); each stanza's from/to domains must be one of the authenticated pairs, else
 * {@code invalid-from}. Once one pair is authenticated, an invalid key for a further pair only
 * answers {@code type='invalid'} and a further pair to a domain we do not serve gets a dialback
 * error ({@code item-not-found}); the stream and its pairs stay.
 *
 * <p>Threads: a few Netty event loops serve every stream; nothing blocks them except
 * {@link org.jamesxmpp.core.s2s.LocalDomains#isLocal}, which must answer from memory.
 * Host names of routes are resolved on a small separate pool.
 *
 * <p>Not done yet: XEP-0288 bidirectional streams, XEP-0198 resumption, re-sending
 * unacknowledged stanzas on a new stream (they fail instead and the caller retries), piggybacking
 * on streams authenticated by SASL EXTERNAL without dialback offered, backoff shared between
 * cluster nodes (it is per engine).
 */
package org.jamesxmpp.core.s2s;
