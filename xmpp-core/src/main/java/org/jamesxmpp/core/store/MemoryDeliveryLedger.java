package org.jamesxmpp.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.common.base.Preconditions;

/**
 * One node's memory, at most {@code maxEntries} keys (the oldest go first). With the memory mail queue nothing is handed
 * out again after a restart, so this only serves a queue that re-delivers while the JVM runs.
 */
public class MemoryDeliveryLedger implements DeliveryLedger {
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Map<String, Instant> attempts;

    public MemoryDeliveryLedger() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public MemoryDeliveryLedger(int maxEntries) {
        Preconditions.checkArgument(maxEntries > 0, "maxEntries must be positive");
        this.attempts = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<Instant> recordAttempt(String key, Instant now, Duration window) {
        Instant first = attempts.get(key);
        if (first != null && first.isAfter(now.minus(window))) {
            return Optional.of(first);
        }
        attempts.remove(key);
        attempts.put(key, now);
        return Optional.empty();
    }
}
