package org.jamesxmpp.core.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * One node's memory; bounded: at most {@code maxEntries} ({@code inbound/dedupMaxEntries} of xmpp.xml) entries of a
 * fixed size ({@link DedupKey#digest()}, whatever the JIDs and ids), which expire after the window.
 */
public class MemoryInboundDedupStore implements InboundDedupStore {
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Cache<String, Boolean> seen;

    public MemoryInboundDedupStore(Duration window, Clock clock) {
        this(window, DEFAULT_MAX_ENTRIES, clock);
    }

    public MemoryInboundDedupStore(Duration window, int maxEntries, Clock clock) {
        Ticker clockTicker = new Ticker() {
            @Override
            public long read() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }
        };
        this.seen = CacheBuilder.newBuilder()
            .expireAfterWrite(window)
            .maximumSize(maxEntries)
            .ticker(clockTicker)
            .build();
    }

    @Override
    public Mono<Boolean> claim(DedupKey key) {
        return Mono.fromCallable(() -> seen.asMap().putIfAbsent(key.digest(), Boolean.TRUE) == null);
    }

    @Override
    public Mono<Void> release(DedupKey key) {
        return Mono.fromRunnable(() -> seen.invalidate(key.digest()));
    }
}
