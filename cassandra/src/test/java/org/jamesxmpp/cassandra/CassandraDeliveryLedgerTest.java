package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.core.store.DeliveryLedgerContract;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraDeliveryLedgerTest implements DeliveryLedgerContract {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private CassandraDeliveryLedger testee;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        testee = new CassandraDeliveryLedger(cassandra.session());
    }

    @Override
    public DeliveryLedger testee() {
        return testee;
    }

    @Test
    void attemptShouldBeSeenByAnotherNode() {
        testee.recordAttempt(KEY, FIRST, WINDOW);

        CassandraDeliveryLedger nodeB = new CassandraDeliveryLedger(cassandra.newSession());

        assertThat(nodeB.recordAttempt(KEY, FIRST.plusSeconds(5), WINDOW)).contains(FIRST);
    }

    @Test
    void attemptShouldCarryTheWindowAsTtl() {
        testee.recordAttempt(KEY, Instant.now(), WINDOW);

        Integer ttl = cassandra.session().execute("SELECT TTL(attempted_at) AS ttl FROM xmpp_delivery_ledger").one()
            .get("ttl", Integer.class);

        assertThat(ttl).isBetween((int) WINDOW.getSeconds() - 60, (int) WINDOW.getSeconds());
    }

    @Test
    void attemptReplacingAnExpiredOneShouldCarryTheWindowAsTtlToo() {
        testee.recordAttempt(KEY, FIRST, WINDOW);
        assertThat(testee.recordAttempt(KEY, FIRST.plus(WINDOW).plusSeconds(1), WINDOW)).isEmpty();

        Integer ttl = cassandra.session().execute("SELECT TTL(attempted_at) AS ttl FROM xmpp_delivery_ledger").one()
            .get("ttl", Integer.class);

        assertThat(ttl).isBetween((int) WINDOW.getSeconds() - 60, (int) WINDOW.getSeconds());
    }

    @Test
    void rowShouldBeGoneOnceItsTtlRanOut() throws InterruptedException {
        testee.recordAttempt(KEY, Instant.now(), Duration.ofSeconds(1));

        Thread.sleep(2_500);

        assertThat(cassandra.session().execute("SELECT attempted_at FROM xmpp_delivery_ledger").all()).isEmpty();
    }
}
