package org.jamesxmpp.benchmarks.throughput;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** When each message (named by its subject) first arrived at one end, and how many came twice. */
final class Arrivals {
    private final Map<String, Long> nanos = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();

    void arrived(String subject) {
        arrived(subject, System.nanoTime());
    }

    void arrived(String subject, long atNanos) {
        if (subject != null && nanos.putIfAbsent(subject, atNanos) != null) {
            duplicates.incrementAndGet();
        }
    }

    /** @return System.nanoTime() of the first arrival, or -1 */
    long at(String subject) {
        return nanos.getOrDefault(subject, -1L);
    }

    int duplicates() {
        return duplicates.get();
    }
}
