package org.jamesxmpp.core.s2s.inbound;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;

/**
 * The listener's budget of stanza bytes read but not yet handed over (spooled), over all streams. A stanza is always
 * taken (it is read already); a stream whose stanza brings the total over the budget stops reading until the total
 * is back within it. Thread-safe: stanzas are released from the threads that handle them.
 */
public final class InFlightBytes {
    private final long budget;
    private final AtomicLong inFlight = new AtomicLong();
    private final Queue<Channel> paused = new ConcurrentLinkedQueue<>();

    public InFlightBytes(long budget) {
        this.budget = budget;
    }

    /** On the channel's event loop: counts a stanza in, pausing the channel when the budget is spent. */
    void acquire(Channel channel, long bytes) {
        if (inFlight.addAndGet(bytes) > budget) {
            ReadPauses.of(channel).pause(ReadPauses.Reason.IN_FLIGHT_BYTES);
            paused.add(channel);
            if (inFlight.get() <= budget) {
                resumeAll();
            }
        }
    }

    /** From any thread: a stanza was handed over. */
    void release(long bytes) {
        if (inFlight.addAndGet(-bytes) <= budget) {
            resumeAll();
        }
    }

    long inFlight() {
        return inFlight.get();
    }

    private void resumeAll() {
        Channel channel;
        while ((channel = paused.poll()) != null) {
            Channel resumed = channel;
            resumed.eventLoop().execute(() -> ReadPauses.of(resumed).resume(ReadPauses.Reason.IN_FLIGHT_BYTES));
        }
    }
}
