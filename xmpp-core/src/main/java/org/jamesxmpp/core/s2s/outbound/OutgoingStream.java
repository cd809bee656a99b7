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

import io.netty.channel.EventLoop;

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
public final class OutgoingStream implements OutboundStreamListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutgoingStream.class);
    /** Stanzas never written when an established stream broke go on a new stream, this many times at most. */
    private static final int MAX_REQUEUES = 1;

    private final DomainPair pair;
    private final EventLoop eventLoop;
    private final int maxQueued;
    private final Consumer<OutgoingStream> onTerminated;
    private final Consumer<PendingStanza> resubmit;
    private final StreamEvents events;
    private final PiggybackedDomains piggybacked = new PiggybackedDomains();
    private Optional<PiggybackAuthenticator> piggybackAuthenticator = Optional.empty();
    private volatile boolean acceptsPiggyback;
    private final Deque<PendingStanza> queued = new ArrayDeque<>();
    private final UnackedStanzas unacked = new UnackedStanzas();
    private Optional<StanzaWire> wire = Optional.empty();
    private boolean streamManagement;
    private boolean wasEstablished;
    private volatile boolean terminated;
    private Optional<TerminationCause> terminationCause = Optional.empty();
    private final ResponseTimer ackTimer;

    public OutgoingStream(DomainPair pair, EventLoop eventLoop, int maxQueued, Duration ackTimeout,
                          Consumer<OutgoingStream> onTerminated, Consumer<PendingStanza> resubmit) {
        this(pair, eventLoop, maxQueued, ackTimeout, onTerminated, resubmit, StreamEvents.NONE);
    }

    public OutgoingStream(DomainPair pair, EventLoop eventLoop, int maxQueued, Duration ackTimeout,
                          Consumer<OutgoingStream> onTerminated, Consumer<PendingStanza> resubmit, StreamEvents events) {
        this.pair = pair;
        this.eventLoop = eventLoop;
        this.maxQueued = maxQueued;
        this.ackTimer = new ResponseTimer(ackTimeout);
        this.onTerminated = onTerminated;
        this.resubmit = resubmit;
        this.events = events;
    }

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

    /** Thread-safe: whether stanzas of another local domain may be offered to this stream now. */
    public boolean acceptsPiggyback() {
        return acceptsPiggyback && !terminated;
    }

    @Override
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
        if (wire.isEmpty() || piggybackAuthenticator.isEmpty()) {
            return;
        }
        for (String localDomain : piggybacked.toRequest()) {
            piggybackAuthenticator.get().requestAuthentication(localDomain);
            eventLoop.schedule(() -> piggybackAnswered(localDomain, false), ackTimer.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
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

    /**
     * The stream is authenticated: stanzas may flow. With {@code piggyback}, the peer may be asked to accept further
     * local domains on this stream (it announced dialback errors, so refusing one does not end the stream).
     */
    @Override
    public void established(StanzaWire wire, boolean streamManagement, Optional<PiggybackAuthenticator> piggyback) {
        this.wire = Optional.of(wire);
        this.streamManagement = streamManagement;
        this.piggybackAuthenticator = piggyback;
        this.acceptsPiggyback = piggyback.isPresent();
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

    @Override
    public void writable() {
        flush();
    }

    /** An idle stream with nothing waiting ends; one with stanzas in flight waits for their acknowledgement. */
    @Override
    public void idle() {
        if (isIdle()) {
            LOGGER.info("Closing idle s2s stream {} -> {}", pair.local(), pair.remote());
            wire.ifPresent(established -> established.close(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN,
                "idle stream closed")));
        }
    }

    /** Writes what the channel accepts now; called again when it becomes writable. */
    private void flush() {
        if (wire.isEmpty() || terminated) {
            return;
        }
        StanzaWire out = wire.get();
        boolean written = false;
        while (!queued.isEmpty() && out.isWritable()) {
            PendingStanza stanza = queued.poll();
            written = true;
            if (!streamManagement && !stanza.awaitsAck()) {
                out.write(stanza.xml(), () -> delivered(stanza),
                    () -> stanza.fail(DeliveryException.Reason.STREAM_BROKEN, "write to " + pair.remote() + " failed"));
            } else {
                out.write(stanza.xml());
                if (unacked.written(stanza)) {
                    requestAck(out);
                }
            }
        }
        if (unacked.needsRequest()) {
            requestAck(out);
        }
        if (written) {
            out.flush();
        }
    }

    private void requestAck(StanzaWire out) {
        out.write(unacked.request(pair, streamManagement));
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

    @Override
    public void acked(long h) {
        settled(unacked.acked(h));
    }

    private void settled(List<PendingStanza> acknowledged) {
        acknowledged.forEach(this::delivered);
        ackTimer.cancel();
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
        wire = Optional.empty();
        ackTimer.cancel();
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
        if (!ackTimer.isArmed()) {
            ackTimer.arm(eventLoop, () -> wire.ifPresent(out -> out.closeNow(new TerminationCause(
                DeliveryException.Reason.REMOTE_SERVER_TIMEOUT, "no acknowledgement from " + pair.remote() + " in time"))));
        }
    }
}
