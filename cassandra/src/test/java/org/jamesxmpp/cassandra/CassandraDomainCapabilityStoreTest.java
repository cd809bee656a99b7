package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.DomainCapabilityStoreContract;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraDomainCapabilityStoreTest implements DomainCapabilityStoreContract {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private final MutableClock clock = new MutableClock(NOW);
    private CassandraDomainCapabilityStore testee;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        testee = new CassandraDomainCapabilityStore(cassandra.session(), clock);
    }

    @Override
    public DomainCapabilityStore testee() {
        return testee;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void capabilitiesShouldBeSeenByAnotherNode() {
        testee.put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();

        CassandraDomainCapabilityStore nodeB = new CassandraDomainCapabilityStore(cassandra.newSession(), clock);

        assertThat(nodeB.get(LOCAL, PEER).block().features()).containsOnly(ADDRESS);
    }

    @Test
    void capabilitiesShouldCarryTheTtlInCql() {
        testee.put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();

        Integer ttl = cassandra.session().execute("SELECT TTL(stored_at) AS ttl FROM xmpp_domain_capabilities").one()
            .get("ttl", Integer.class);

        assertThat(ttl).isBetween((int) TTL.getSeconds() - 60, (int) TTL.getSeconds());
    }

    @Test
    void rowShouldBeGoneOnceItsCqlTtlRanOut() throws InterruptedException {
        CassandraDomainCapabilityStore realTime = new CassandraDomainCapabilityStore(cassandra.session(),
            Clock.systemUTC());
        realTime.put(LOCAL, PEER, Set.of(ADDRESS), Duration.ofSeconds(1)).block();

        Thread.sleep(2_500);

        assertThat(cassandra.session().execute("SELECT stored_at FROM xmpp_domain_capabilities").all()).isEmpty();
    }
}
