package org.jamesxmpp.core.store;

import java.time.Duration;
import java.time.Instant;

import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;

class MemoryInboundDedupStoreTest implements InboundDedupStoreContract {
    private MutableClock clock;
    private MemoryInboundDedupStore testee;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        testee = new MemoryInboundDedupStore(WINDOW, clock);
    }

    @Override
    public InboundDedupStore testee() {
        return testee;
    }

    @Override
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }
}
