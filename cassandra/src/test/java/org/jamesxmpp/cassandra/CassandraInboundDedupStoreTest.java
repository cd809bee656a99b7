package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.jamesxmpp.core.store.DedupKey;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.core.store.InboundDedupStoreContract;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraInboundDedupStoreTest implements InboundDedupStoreContract {
    /** Cassandra expires rows by its own clock, in whole seconds: the tests wait for real. */
    private static final Duration SHORT_WINDOW = Duration.ofSeconds(4);

    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private CassandraInboundDedupStore testee;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        testee = new CassandraInboundDedupStore(cassandra.session(), SHORT_WINDOW, Clock.systemUTC());
    }

    @Override
    public InboundDedupStore testee() {
        return testee;
    }

    @Override
    public Duration window() {
        return SHORT_WINDOW;
    }

    @Override
    public Duration precision() {
        return Duration.ofSeconds(2);
    }

    @Override
    public void advanceClock(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void claimShouldBeSeenByAnotherNode() {
        testee.claim(KEY).block();

        CassandraInboundDedupStore nodeB = new CassandraInboundDedupStore(cassandra.newSession(), SHORT_WINDOW,
            Clock.systemUTC());

        assertThat(nodeB.claim(KEY).block()).isFalse();
    }

    @Test
    void claimShouldCarryTheWindowAsTtl() {
        testee.claim(KEY).block();

        Integer ttl = cassandra.session().execute("SELECT TTL(claimed_at) AS ttl FROM xmpp_inbound_dedup").one()
            .get("ttl", Integer.class);

        assertThat(ttl).isBetween(1, (int) SHORT_WINDOW.getSeconds());
    }

    @Test
    void keysShouldNotCollideWhereTheirComponentsSplitDifferently() {
        testee.claim(DedupKey.of("alice@a.test|x", "bob@james.test", "origin-1", "c")).block();

        assertThat(testee.claim(DedupKey.of("alice@a.test", "bob@james.test", "x|origin-1", "c")).block()).isTrue();
    }

    @Test
    void ttlShouldRoundTheWindowUpToWholeSeconds() {
        assertThat(CassandraInboundDedupStore.ttlSeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(CassandraInboundDedupStore.ttlSeconds(Duration.ofHours(1))).isEqualTo(3600);
    }
}
