package org.jamesxmpp.guice.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.BoundedLateErrorStoreContract;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.SentStanzaKey;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaLateErrorStoreTest implements BoundedLateErrorStoreContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final MemoryDerby database = new MemoryDerby("late-errors");
    private EntityManagerFactory entityManagerFactory;
    private JpaLateErrorStore testee;

    @BeforeEach
    void setUp() {
        entityManagerFactory = database.newFactory();
        testee = new JpaLateErrorStore(entityManagerFactory, SETTINGS, clock);
    }

    @AfterEach
    void tearDown() {
        entityManagerFactory.close();
    }

    @Override
    public LateErrorStore testee() {
        return testee;
    }

    @Override
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void ticketShouldOutliveTheStoreAndItsEntityManagerFactory() {
        testee.remember(KEY, TICKET).block();
        entityManagerFactory.close();

        entityManagerFactory = database.newFactory();
        JpaLateErrorStore afterRestart = new JpaLateErrorStore(entityManagerFactory, SETTINGS, clock);

        assertThat(afterRestart.take(KEY).block()).isEqualTo(TICKET);
    }

    @Test
    void boundShouldCountTheRowsFoundAtStart() {
        for (int i = 0; i < MAX_ENTRIES; i++) {
            testee.remember(SentStanzaKey.of("peer.test", "m" + i, "alice@peer.test"), TICKET).block();
            advanceClock(Duration.ofMillis(1));
        }
        JpaLateErrorStore afterRestart = new JpaLateErrorStore(entityManagerFactory, SETTINGS, clock);

        afterRestart.remember(KEY, TICKET).block();

        assertThat(rows()).isLessThanOrEqualTo(MAX_ENTRIES);
        assertThat(afterRestart.take(KEY).block()).isEqualTo(TICKET);
    }

    @Test
    void expiredRowsShouldBePurged() {
        for (int i = 0; i < 5; i++) {
            testee.remember(SentStanzaKey.of("peer.test", "m" + i, "alice@peer.test"), TICKET).block();
        }
        advanceClock(RETENTION.plus(JpaLateErrorStore.PURGE_INTERVAL));

        testee.remember(KEY, TICKET).block();

        assertThat(rows()).isEqualTo(1);
    }

    private long rows() {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM " + JpaLateErrorStore.TABLE)
                .getSingleResult()).longValue();
        } finally {
            entityManager.close();
        }
    }
}
