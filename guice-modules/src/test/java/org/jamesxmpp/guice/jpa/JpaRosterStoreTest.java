package org.jamesxmpp.guice.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.core.store.RosterStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaRosterStoreTest implements RosterStoreContract {
    private final MemoryDerby database = new MemoryDerby("rosters");
    private EntityManagerFactory entityManagerFactory;
    private JpaRosterStore testee;

    @BeforeEach
    void setUp() {
        entityManagerFactory = database.newFactory();
        testee = new JpaRosterStore(entityManagerFactory, MAX_ITEMS);
    }

    @AfterEach
    void tearDown() {
        entityManagerFactory.close();
    }

    @Override
    public RosterStore testee() {
        return testee;
    }

    @Test
    void rosterShouldOutliveTheStoreAndItsEntityManagerFactory() {
        testee.update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();
        entityManagerFactory.close();

        entityManagerFactory = database.newFactory();
        JpaRosterStore afterRestart = new JpaRosterStore(entityManagerFactory, MAX_ITEMS);

        assertThat(afterRestart.items(BOB).block()).containsExactly(ALICE_ITEM);
        assertThat(MemoryDerby.rows(entityManagerFactory, JpaRosterStore.TABLE)).isEqualTo(1);
    }
}
