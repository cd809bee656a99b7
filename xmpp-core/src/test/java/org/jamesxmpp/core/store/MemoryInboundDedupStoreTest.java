package org.jamesxmpp.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    static class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
