package org.jamesxmpp.core.s2s.outbound;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The stanza queue of one outgoing stream (local domain → remote domain). Everything runs on
 * the stream's event loop, so no locks.
 *
 * <p>Delivered means acknowledged by the peer: by XEP-0198 when stream management is on; otherwise
 * by the answer (result or error) to an XEP-0199 ping we send on the stream after the stanzas,
 * since the peer processes the stanzas of a stream in order (RFC 6120 10.1). We ask after every
 * ten stanzas and at the end of each write batch; no answer within the ack timeout breaks the
 * stream. Stanzas in flight when the stream ends fail, however it ends
 * ({@link DeliveryException.Reason#STREAM_BROKEN} unless the cause says otherwise): the caller
 * retries them.
 */
public final class OutgoingStream implements OutboundPurpose {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutgoingStream.class);
    /** Stanzas never written when an established stream broke go on a new stream, this many times at most. */
    private static final int MAX_REQUEUES = 1;

    private final DomainPair pair;
    private final EventLoop eventLoop;
    private final int maxQueued;
    private final Duration ackTimeout;
    private final Consumer<OutgoingStream> onTerminated;
    private final Consumer<PendingStanza> resubmit;
    private final StreamEvents events;
    private final PiggybackedDomains piggybacked = new PiggybackedDomains();
    private Optional<PiggybackAuthenticator> piggybackAuthenticator = Optional.empty();
    private volatile boolean acceptsPiggyback;
    private final Deque<PendingStanza> queued = new ArrayDeque<>();
    private final UnackedStanzas unacked = new UnackedStanzas();
    private Optional<ChannelHandlerContext> context = Optional.empty();
    private boolean streamManagement;
    private boolean wasEstablished;
    private volatile boolean terminated;
    private Optional<TerminationCause> terminationCause = Optional.empty();
    private Optional<ScheduledFuture<?>> ackTimer = Optional.empty();

    public OutgoingStream(DomainPair pair, EventLoop eventLoop, int maxQueued, Duration ackTimeout,
                          Consumer<OutgoingStream> onTerminated, Consumer<PendingStanza> resubmit) {
        this(pair, eventLoop, maxQueued, ackTimeout, onTerminated, resubmit, StreamEvents.NONE);
    }

    public OutgoingStream(DomainPair pair, EventLoop eventLoop, int maxQueued, Duration ackTimeout,
                          Consumer<OutgoingStream> onTerminated, Consumer<PendingStanza> resubmit, StreamEvents events) {
        this.pair = pair;
        this.eventLoop = eventLoop;
        this.maxQueued = maxQueued;
        this.ackTimeout = ackTimeout;
        this.onTerminated = onTerminated;
        this.resubmit = resubmit;
        this.events = events;
    }

    @Override
    public DomainPair pair() {
        return pair;
    }

    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** Thread-safe. */
    public void enqueue(PendingStanza stanza) {
        eventLoop.execute(() -> {
            if (terminated) {
                resubmit.accept(stanza);
                return;
            }
            if (queued.size() + unacked.size() + piggybacked.heldCount() >= maxQueued) {
                stanza.fail(DeliveryException.Reason.QUEUE_FULL, "more than " + maxQueued + " stanzas waiting for " + pair.remote());
                return;
            }
            if (stanza.pair().local().equals(pair.local()) || piggybacked.isAuthenticated(stanza.pair().local())) {
                queued.add(stanza);
                flush();
            } else {
                piggybacked.hold(stanza);
                requestPiggybacks();
            }
        });
    }

    /**
     * The peer may be asked to accept further local domains on this stream (it announced
     * dialback errors, so refusing one does not end the stream). Called before {@link #established}.
     */
    public void piggybackVia(PiggybackAuthenticator authenticator) {
        this.piggybackAuthenticator = Optional.of(authenticator);
        this.acceptsPiggyback = true;
    }

    /** Thread-safe: whether stanzas of another local domain may be offered to this stream now. */
    public boolean acceptsPiggyback() {
        return acceptsPiggyback && !terminated;
    }

    /** The peer answered the db:result for {@code localDomain} sent over this stream. */
    public void piggybackAnswered(String localDomain, boolean valid) {
        if (terminated || !piggybacked.isAwaitingAnswer(localDomain)) {
            return;
        }
        Deque<PendingStanza> held = piggybacked.answered(localDomain, valid);
        if (valid) {
            LOGGER.info("Outgoing s2s stream {} -> {} now also carries {}", pair.local(), pair.remote(), localDomain);
            queued.addAll(held);
            flush();
        } else {
            LOGGER.info("{} refused {} on the stream of {}: it gets a stream of its own", pair.remote(), localDomain,
                pair.local());
            acceptsPiggyback = false;
            events.piggybackRefused(this, localDomain);
            held.forEach(resubmit);
        }
    }

    private void requestPiggybacks() {
        if (context.isEmpty() || piggybackAuthenticator.isEmpty()) {
            return;
        }
        for (String localDomain : piggybacked.toRequest()) {
            piggybackAuthenticator.get().requestAuthentication(localDomain);
            eventLoop.schedule(() -> piggybackAnswered(localDomain, false), ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Thread-safe. */
    public boolean isAlive() {
        return !terminated;
    }

    public boolean wasEstablished() {
        return wasEstablished;
    }

    /** Why the stream ended; empty while it is alive. Read on the event loop or after {@code onTerminated}. */
    public Optional<TerminationCause> terminationCause() {
        return terminationCause;
    }

    /** The stream is authenticated: stanzas may flow. */
    public void established(ChannelHandlerContext context, boolean streamManagement) {
        this.context = Optional.of(context);
        this.streamManagement = streamManagement;
        this.wasEstablished = true;
        LOGGER.info("Outgoing s2s stream {} -> {} established (stream management: {})",
            pair.local(), pair.remote(), streamManagement);
        events.established(this);
        flush();
        requestPiggybacks();
    }

    public boolean isIdle() {
        return queued.isEmpty() && unacked.isEmpty() && piggybacked.heldCount() == 0;
    }

    /** Writes what the channel accepts now; called again when it becomes writable. */
    public void flush() {
        if (context.isEmpty() || terminated) {
            return;
        }
        ChannelHandlerContext ctx = context.get();
        boolean written = false;
        while (!queued.isEmpty() && ctx.channel().isWritable()) {
            PendingStanza stanza = queued.poll();
            written = true;
            if (!streamManagement && !stanza.awaitsAck()) {
                writeUnacknowledged(ctx, stanza);
            } else {
                ctx.write(stanza.xml(), ctx.voidPromise());
                if (unacked.written(stanza)) {
                    requestAck(ctx);
                }
            }
        }
        if (unacked.needsRequest()) {
            requestAck(ctx);
        }
        if (written) {
            ctx.flush();
        }
    }

    /** A stanza nobody waits for (a ping's answer) is settled once written: it must not ask for a ping in turn. */
    private void writeUnacknowledged(ChannelHandlerContext ctx, PendingStanza stanza) {
        ctx.write(stanza.xml()).addListener(write -> {
            if (write.isSuccess()) {
                delivered(stanza);
            } else {
                stanza.fail(DeliveryException.Reason.STREAM_BROKEN, "write to " + pair.remote() + " failed");
            }
        });
    }

    private void requestAck(ChannelHandlerContext ctx) {
        ctx.write(unacked.request(pair, streamManagement), ctx.voidPromise());
        armAckTimer();
    }

    /** Thread-safe. The peer answered our ping {@code id} (result or error): it processed what we wrote before it. */
    public void pingAnswered(String id) {
        eventLoop.execute(() -> {
            List<PendingStanza> acknowledged = terminated ? List.of() : unacked.pingAnswered(id);
            if (!acknowledged.isEmpty()) {
                settled(acknowledged);
            }
        });
    }

    /** The peer acknowledged {@code h} stanzas in total (XEP-0198). */
    public void acked(long h) {
        settled(unacked.acked(h));
    }

    private void settled(List<PendingStanza> acknowledged) {
        acknowledged.forEach(this::delivered);
        cancelAckTimer();
        if (!unacked.isEmpty()) {
            armAckTimer();
        }
    }

    @Override
    public void terminated(TerminationCause cause) {
        if (terminated) {
            return;
        }
        terminated = true;
        terminationCause = Optional.of(cause);
        context = Optional.empty();
        cancelAckTimer();
        onTerminated.accept(this);
        unacked.drain().forEach(stanza -> stanza.fail(unackedReason(cause), "stream to " + pair.remote()
            + " ended before the stanza was acknowledged: " + cause.message()));
        if (cause.reason() != DeliveryException.Reason.SHUTDOWN) {
            piggybacked.awaitingAnswer().forEach(localDomain -> events.piggybackRefused(this, localDomain));
        }
        List<PendingStanza> waiting = new ArrayList<>(queued);
        waiting.addAll(piggybacked.drain());
        waiting.forEach(stanza -> {
            if (cause.retry()) {
                resubmit.accept(stanza);
            } else if (wasEstablished && stanza.attempt() < MAX_REQUEUES
                && cause.reason() != DeliveryException.Reason.SHUTDOWN) {
                resubmit.accept(stanza.requeued());
            } else {
                stanza.fail(cause.reason(), cause.message());
            }
        });
        queued.clear();
    }

    private static DeliveryException.Reason unackedReason(TerminationCause cause) {
        return cause.reason() == DeliveryException.Reason.REMOTE_SERVER_TIMEOUT
            || cause.reason() == DeliveryException.Reason.SHUTDOWN
            ? cause.reason()
            : DeliveryException.Reason.STREAM_BROKEN;
    }

    private void delivered(PendingStanza stanza) {
        if (stanza.delivery().complete(null) && stanza.awaitsAck()) {
            LOGGER.info("Delivered stanza {} over s2s", stanza.describe());
        }
    }

    private void armAckTimer() {
        if (ackTimer.isPresent()) {
            return;
        }
        ackTimer = Optional.of(eventLoop.schedule(() -> {
            ackTimer = Optional.empty();
            context.ifPresent(ctx -> ctx.pipeline().fireExceptionCaught(new AckTimeoutException(pair.remote())));
        }, ackTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void cancelAckTimer() {
        ackTimer.ifPresent(timer -> timer.cancel(false));
        ackTimer = Optional.empty();
    }
}
