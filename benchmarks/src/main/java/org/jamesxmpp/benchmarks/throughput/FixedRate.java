package org.jamesxmpp.benchmarks.throughput;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Starts {@code count} sends at a fixed rate whatever the server answers (an open loop: a slow answer does not
 * delay the next send, so latency includes any queueing).
 */
final class FixedRate {
    private FixedRate() {
    }

    /** Calls {@code send} for 0 .. count-1, each at its scheduled time; returns those times (System.nanoTime()). */
    static long[] run(int perSecond, int count, IntConsumer send) {
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime() + period;
        long[] scheduled = new long[count];
        for (int i = 0; i < count; i++) {
            scheduled[i] = start + i * period;
            for (long wait = scheduled[i] - System.nanoTime(); wait > 0; wait = scheduled[i] - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            send.accept(i);
        }
        return scheduled;
    }
}
