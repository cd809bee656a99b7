package org.jamesxmpp.guice.jpa;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** When a store purges its expired rows: at most once an interval, and then by one caller only. */
final class PurgeSchedule {
    private final Duration interval;
    private final AtomicLong next = new AtomicLong();

    PurgeSchedule(Duration interval) {
        this.interval = interval;
    }

    /** True for the one caller that is to purge now; the next purge is then due an interval later. */
    boolean claim(long nowMillis) {
        long due = next.get();
        return nowMillis >= due && next.compareAndSet(due, nowMillis + interval.toMillis());
    }
}
