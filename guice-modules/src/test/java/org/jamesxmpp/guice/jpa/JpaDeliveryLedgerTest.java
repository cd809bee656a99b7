package org.jamesxmpp.guice.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.core.store.DeliveryLedgerContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaDeliveryLedgerTest implements DeliveryLedgerContract {
    private final MemoryDerby database = new MemoryDerby("delivery-ledger");
    private EntityManagerFactory entityManagerFactory;
    private JpaDeliveryLedger testee;

    @BeforeEach
    void setUp() {
        entityManagerFactory = database.newFactory();
        testee = new JpaDeliveryLedger(entityManagerFactory);
    }

    @AfterEach
    void tearDown() {
        entityManagerFactory.close();
    }

    @Override
    public DeliveryLedger testee() {
        return testee;
    }

    @Test
    void attemptShouldOutliveTheLedgerAndItsEntityManagerFactory() {
        testee.recordAttempt(KEY, FIRST, WINDOW);
        entityManagerFactory.close();

        entityManagerFactory = database.newFactory();
        JpaDeliveryLedger afterRestart = new JpaDeliveryLedger(entityManagerFactory);

        assertThat(afterRestart.recordAttempt(KEY, FIRST.plusSeconds(60), WINDOW)).contains(FIRST);
    }

    @Test
    void rowsOlderThanTheWindowShouldBePurged() {
        for (int i = 0; i < 5; i++) {
            testee.recordAttempt(DeliveryLedger.keyOf("m" + i, "bob@james.test"), FIRST, WINDOW);
        }

        testee.recordAttempt(KEY, FIRST.plus(WINDOW).plus(JpaDeliveryLedger.PURGE_INTERVAL).plusSeconds(1), WINDOW);

        assertThat(rows()).isEqualTo(1);
    }

    private long rows() {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM " + JpaDeliveryLedger.TABLE)
                .getSingleResult()).longValue();
        } finally {
            entityManager.close();
        }
    }
}
