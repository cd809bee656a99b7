package org.jamesxmpp.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * One node's memory, at most {@code maxEntries} pairs of domains ({@code delivery/multicastDiscoveryDomains} of
 * xmpp.xml), the least recently used forgotten first.
 */
public class MemoryDomainCapabilityStore implements DomainCapabilityStore {
    private record Entry(DomainCapabilities capabilities, Instant expiresAt) {
    }

    private final Map<String, Entry> entries;
    private final Clock clock;

    public MemoryDomainCapabilityStore(int maxEntries, Clock clock) {
        Preconditions.checkArgument(maxEntries > 0, "maxEntries must be positive");
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Mono<DomainCapabilities> get(String asker, String domain) {
        return Mono.fromCallable(() -> find(pair(asker, domain)));
    }

    @Override
    public Mono<Void> put(String asker, String domain, Set<String> features, Duration ttl) {
        return Mono.fromRunnable(() -> {
            Instant now = clock.instant();
            Entry entry = new Entry(new DomainCapabilities(features, now), now.plus(ttl));
            synchronized (entries) {
                entries.put(pair(asker, domain), entry);
            }
        });
    }

    private DomainCapabilities find(String key) {
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (!entry.expiresAt().isAfter(clock.instant())) {
                entries.remove(key);
                return null;
            }
            return entry.capabilities();
        }
    }

    private static String pair(String asker, String domain) {
        return asker + '\n' + domain;
    }
}
