package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.core.store.RosterStoreContract;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraRosterStoreTest implements RosterStoreContract {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private CassandraRosterStore testee;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        testee = new CassandraRosterStore(cassandra.session(), MAX_ITEMS);
    }

    @Override
    public RosterStore testee() {
        return testee;
    }

    @Test
    void rosterShouldBeSeenAndChangedByAnotherNode() {
        testee.update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();
        CassandraRosterStore nodeB = new CassandraRosterStore(cassandra.newSession(), MAX_ITEMS);

        assertThat(nodeB.items(BOB).block()).containsExactly(ALICE_ITEM);
        nodeB.update(BOB, ALICE, before -> before.map(item -> item.withSubscription(RosterItem.Subscription.BOTH))).block();

        assertThat(testee.item(BOB, ALICE).block().subscription()).isEqualTo(RosterItem.Subscription.BOTH);
    }

    @Test
    void schemaShouldBeCreatedAgainWithoutLosingTheRosters() {
        testee.update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();

        XmppCassandraSchema.createTables(cassandra.session()).block();

        assertThat(new CassandraRosterStore(cassandra.session(), MAX_ITEMS).items(BOB).block()).containsExactly(ALICE_ITEM);
    }
}
