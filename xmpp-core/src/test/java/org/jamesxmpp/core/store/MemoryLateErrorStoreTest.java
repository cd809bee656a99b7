package org.jamesxmpp.core.store;

import java.time.Duration;
import java.time.Instant;

import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;

class MemoryLateErrorStoreTest implements BoundedLateErrorStoreContract {
    private MutableClock clock;
    private MemoryLateErrorStore testee;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        testee = new MemoryLateErrorStore(SETTINGS, clock);
    }

    @Override
    public LateErrorStore testee() {
        return testee;
    }

    @Override
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }
}
