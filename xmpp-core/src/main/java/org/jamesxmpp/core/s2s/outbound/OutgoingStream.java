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
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The stanza queue of one outgoing stream (local domain → remote domain). Everything runs on
 * the stream's event loop, so no locks.
 *
 * <p>Delivered means: acknowledged by the peer (XEP-0198) when stream management is on;
 * otherwise written and the stream stayed up {@code unackedDeliveryGrace} after it, or closed
 * cleanly (residual risk: a peer that crashes after that grace without processing the stanza).
 * Stanzas in flight when the stream breaks fail with {@link DeliveryException.Reason#STREAM_BROKEN}.
 */
public final class OutgoingStream implements OutboundPurpose {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutgoingStream.class);
    private static final long H_MASK = 0xFFFFFFFFL;
    private static final int ACK_REQUEST_INTERVAL = 10;
    /** Stanzas never written when an established stream broke go on a new stream, this many times at most. */
    private static final int MAX_REQUEUES = 1;
    private static final String ACK_REQUEST = "<r xmlns='" + StreamXml.SM_NAMESPACE + "'/>";

    private final DomainPair pair;
    private final EventLoop eventLoop;
    private final int maxQueued;
    private final Duration grace;
    private final Duration ackTimeout;
    private final Consumer<OutgoingStream> onTerminated;
    private final Consumer<PendingStanza> resubmit;
    private final StreamEvents events;
    private final PiggybackedDomains piggybacked = new PiggybackedDomains();
    private Optional<PiggybackAuthenticator> piggybackAuthenticator = Optional.empty();
    private volatile boolean acceptsPiggyback;
    private final Deque<PendingStanza> queued = new ArrayDeque<>();
    private final Deque<PendingStanza> unacked = new ArrayDeque<>();
    private Optional<ChannelHandlerContext> context = Optional.empty();
    private boolean streamManagement;
    private boolean wasEstablished;
    private long lastAcked;
    private volatile boolean terminated;
    private Optional<TerminationCause> terminationCause = Optional.empty();
    private Optional<ScheduledFuture<?>> ackTimer = Optional.empty();

    public OutgoingStream(DomainPair pair, EventLoop eventLoop, int maxQueued, Duration grace, Duration ackTimeout,
                          Consumer<OutgoingStream> onTerminated, Consumer<PendingStanza> resubmit) {
        this(pair, eventLoop, maxQueued, grace, ackTimeout, onTerminated, resubmit, StreamEvents.NONE);
    }

    public OutgoingStream(DomainPair pair, EventLoop eventLoop, int maxQueued, Duration grace, Duration ackTimeout,
                          Consumer<OutgoingStream> onTerminated, Consumer<PendingStanza> resubmit, StreamEvents events) {
        this.pair = pair;
        this.eventLoop = eventLoop;
        this.maxQueued = maxQueued;
        this.grace = grace;
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
        int written = 0;
        while (!queued.isEmpty() && ctx.channel().isWritable()) {
            PendingStanza stanza = queued.poll();
            unacked.add(stanza);
            written++;
            if (streamManagement) {
                ctx.write(stanza.xml(), ctx.voidPromise());
                if (written % ACK_REQUEST_INTERVAL == 0) {
                    ctx.write(ACK_REQUEST, ctx.voidPromise());
                }
            } else {
                ctx.write(stanza.xml()).addListener(write -> {
                    if (write.isSuccess()) {
                        eventLoop.schedule(this::graceElapsed, grace.toMillis(), TimeUnit.MILLISECONDS);
                    }
                });
            }
        }
        if (written > 0) {
            if (streamManagement) {
                if (written % ACK_REQUEST_INTERVAL != 0) {
                    ctx.write(ACK_REQUEST, ctx.voidPromise());
                }
                armAckTimer();
            }
            ctx.flush();
        }
    }

    /** The peer acknowledged {@code h} stanzas in total (XEP-0198). */
    public void acked(long h) {
        long delta = (h - lastAcked) & H_MASK;
        if (delta > unacked.size()) {
            throw new IllegalStateException("peer acknowledged " + delta + " stanzas, only " + unacked.size() + " were sent");
        }
        lastAcked = h & H_MASK;
        for (long i = 0; i < delta; i++) {
            delivered(unacked.poll());
        }
        cancelAckTimer();
        if (!unacked.isEmpty()) {
            armAckTimer();
        }
    }

    @Override
    public void terminated(TerminationCause cause, boolean clean) {
        if (terminated) {
            return;
        }
        terminated = true;
        terminationCause = Optional.of(cause);
        context = Optional.empty();
        cancelAckTimer();
        onTerminated.accept(this);
        if (clean && !streamManagement) {
            unacked.forEach(this::delivered);
        } else {
            unacked.forEach(stanza -> stanza.fail(unackedReason(cause), "stream to " + pair.remote()
                + " ended before the stanza was acknowledged: " + cause.message()));
        }
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
        unacked.clear();
        queued.clear();
    }

    private static DeliveryException.Reason unackedReason(TerminationCause cause) {
        return cause.reason() == DeliveryException.Reason.REMOTE_SERVER_TIMEOUT
            || cause.reason() == DeliveryException.Reason.SHUTDOWN
            ? cause.reason()
            : DeliveryException.Reason.STREAM_BROKEN;
    }

    private void graceElapsed() {
        if (!terminated && !streamManagement && !unacked.isEmpty()) {
            delivered(unacked.poll());
        }
    }

    private void delivered(PendingStanza stanza) {
        if (stanza.delivery().complete(null)) {
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

    /** The peer did not acknowledge in time: the stream is considered broken. */
    public static class AckTimeoutException extends RuntimeException {
        public AckTimeoutException(String remote) {
            super("no acknowledgement from " + remote + " in time");
        }
    }
}
