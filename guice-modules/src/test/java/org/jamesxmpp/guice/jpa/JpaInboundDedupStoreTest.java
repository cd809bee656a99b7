package org.jamesxmpp.guice.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.DedupKey;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.core.store.InboundDedupStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaInboundDedupStoreTest implements InboundDedupStoreContract {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final MemoryDerby database = new MemoryDerby("dedup");
    private EntityManagerFactory entityManagerFactory;
    private JpaInboundDedupStore testee;

    @BeforeEach
    void setUp() {
        entityManagerFactory = database.newFactory();
        testee = new JpaInboundDedupStore(entityManagerFactory, WINDOW, clock);
    }

    @AfterEach
    void tearDown() {
        entityManagerFactory.close();
    }

    @Override
    public InboundDedupStore testee() {
        return testee;
    }

    @Override
    public void advanceClock(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Test
    void claimShouldOutliveTheStoreAndItsEntityManagerFactory() {
        testee.claim(KEY).block();
        entityManagerFactory.close();

        entityManagerFactory = database.newFactory();
        JpaInboundDedupStore afterRestart = new JpaInboundDedupStore(entityManagerFactory, WINDOW, clock);

        assertThat(afterRestart.claim(KEY).block()).isFalse();
    }

    @Test
    void expiredRowsShouldBePurged() {
        for (int i = 0; i < 20; i++) {
            testee.claim(DedupKey.of("alice@a.test", "bob@james.test", "id-" + i, CONTENT)).block();
        }
        advanceClock(WINDOW.plus(JpaInboundDedupStore.PURGE_INTERVAL));

        testee.claim(DedupKey.of("alice@a.test", "bob@james.test", "fresh", CONTENT)).block();

        assertThat(rows()).isEqualTo(1);
    }

    private long rows() {
        var entityManager = entityManagerFactory.createEntityManager();
        try {
            return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM " + JpaInboundDedupStore.TABLE)
                .getSingleResult()).longValue();
        } finally {
            entityManager.close();
        }
    }
}
