package org.jamesxmpp.core.store;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/** One node's memory, lost at a restart: at most {@link LateErrorRetention#maxEntries()} tickets, each of bounded size. */
public class MemoryLateErrorStore implements LateErrorStore {
    private final Cache<SentStanzaKey, LateErrorTicket> tickets;

    public MemoryLateErrorStore(LateErrorRetention retention, Clock clock) {
        Ticker clockTicker = new Ticker() {
            @Override
            public long read() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }
        };
        this.tickets = CacheBuilder.newBuilder()
            .expireAfterWrite(retention.retention())
            .maximumSize(retention.maxEntries())
            .ticker(clockTicker)
            .build();
    }

    @Override
    public Mono<Void> remember(SentStanzaKey key, LateErrorTicket ticket) {
        return Mono.fromRunnable(() -> tickets.put(key, ticket));
    }

    @Override
    public Mono<LateErrorTicket> take(SentStanzaKey key) {
        return Mono.fromCallable(() -> tickets.asMap().remove(key));
    }
}
