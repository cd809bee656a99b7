package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.Test;

class MemoryDomainCapabilityStoreTest implements DomainCapabilityStoreContract {
    private final MutableClock clock = new MutableClock(NOW);
    private final MemoryDomainCapabilityStore testee = new MemoryDomainCapabilityStore(2, clock);

    @Override
    public DomainCapabilityStore testee() {
        return testee;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void leastRecentlyUsedPairShouldGoBeyondTheBound() {
        testee.put(LOCAL, "a.test", Set.of(ADDRESS), TTL).block();
        testee.put(LOCAL, "b.test", Set.of(ADDRESS), TTL).block();
        testee.get(LOCAL, "a.test").block();
        testee.put(LOCAL, "c.test", Set.of(ADDRESS), TTL).block();

        assertThat(testee.get(LOCAL, "b.test").blockOptional()).isEmpty();
        assertThat(testee.get(LOCAL, "a.test").blockOptional()).isPresent();
        assertThat(testee.get(LOCAL, "c.test").blockOptional()).isPresent();
    }
}
