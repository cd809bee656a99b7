package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorStoreContract;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraLateErrorStoreTest implements LateErrorStoreContract {
    /** Cassandra expires rows by its own clock, in whole seconds: the tests wait for real. */
    private static final LateErrorRetention SHORT_RETENTION = new LateErrorRetention(Duration.ofSeconds(4), MAX_ENTRIES);

    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private CassandraLateErrorStore testee;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        testee = new CassandraLateErrorStore(cassandra.session(), SHORT_RETENTION);
    }

    @Override
    public LateErrorStore testee() {
        return testee;
    }

    @Override
    public LateErrorRetention settings() {
        return SHORT_RETENTION;
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
    void ticketShouldBeTakenByAnotherNode() {
        testee.remember(KEY, TICKET).block();

        CassandraLateErrorStore nodeB = new CassandraLateErrorStore(cassandra.newSession(), SHORT_RETENTION);

        assertThat(nodeB.take(KEY).block()).isEqualTo(TICKET);
        assertThat(testee.take(KEY).blockOptional()).isEmpty();
    }

    @Test
    void ticketShouldCarryTheRetentionAsTtl() {
        testee.remember(KEY, TICKET).block();

        Integer ttl = cassandra.session().execute("SELECT TTL(route) AS ttl FROM xmpp_late_error").one()
            .get("ttl", Integer.class);

        assertThat(ttl).isBetween(1, (int) SHORT_RETENTION.retention().getSeconds());
    }
}
