package org.jamesxmpp.guice.jpa;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.jamesxmpp.jpa.DatabaseConfiguration;
import org.jamesxmpp.jpa.JpaEntityManagerModule;

/** A Derby database in memory, of its own per test, and James's persistence unit on it, as often as a test restarts. */
final class MemoryDerby {
    private final String url;

    MemoryDerby(String name) {
        this.url = "jdbc:derby:memory:" + name + "-" + UUID.randomUUID() + ";create=true";
    }

    EntityManagerFactory newFactory() {
        DatabaseConfiguration configuration = new DatabaseConfiguration("org.apache.derby.jdbc.EmbeddedDriver", url,
            Optional.empty(), Map.of(), Map.of());
        return Persistence.createEntityManagerFactory(JpaEntityManagerModule.PERSISTENCE_UNIT,
            configuration.entityManagerFactoryProperties());
    }

    static long rows(EntityManagerFactory entityManagerFactory, String table) {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult()).longValue();
        } finally {
            entityManager.close();
        }
    }
}
