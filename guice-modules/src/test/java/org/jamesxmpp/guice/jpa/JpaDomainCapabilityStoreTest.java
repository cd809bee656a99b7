package org.jamesxmpp.guice.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.DomainCapabilities;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.DomainCapabilityStoreContract;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaDomainCapabilityStoreTest implements DomainCapabilityStoreContract {
    private final MutableClock clock = new MutableClock(NOW);
    private final MemoryDerby database = new MemoryDerby("domain-capabilities");
    private EntityManagerFactory entityManagerFactory;
    private JpaDomainCapabilityStore testee;

    @BeforeEach
    void setUp() {
        entityManagerFactory = database.newFactory();
        testee = new JpaDomainCapabilityStore(entityManagerFactory, clock);
    }

    @AfterEach
    void tearDown() {
        entityManagerFactory.close();
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
    void capabilitiesShouldOutliveTheStoreAndItsEntityManagerFactory() {
        testee.put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();
        entityManagerFactory.close();

        entityManagerFactory = database.newFactory();
        JpaDomainCapabilityStore afterRestart = new JpaDomainCapabilityStore(entityManagerFactory, clock);

        assertThat(afterRestart.get(LOCAL, PEER).block()).isEqualTo(new DomainCapabilities(Set.of(ADDRESS), NOW));
    }

    @Test
    void expiredRowsShouldBePurged() {
        for (int i = 0; i < 5; i++) {
            testee.put(LOCAL, "peer" + i + ".test", Set.of(ADDRESS), TTL).block();
        }
        clock.advance(TTL.plus(JpaDomainCapabilityStore.PURGE_INTERVAL));

        testee.put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();

        assertThat(rows()).isEqualTo(1);
    }

    private long rows() {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM " + JpaDomainCapabilityStore.TABLE)
                .getSingleResult()).longValue();
        } finally {
            entityManager.close();
        }
    }
}
