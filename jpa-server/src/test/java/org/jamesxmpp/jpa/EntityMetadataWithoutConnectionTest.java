package org.jamesxmpp.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.apache.openjpa.jdbc.conf.JDBCConfiguration;
import org.apache.openjpa.persistence.OpenJPAPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first use of an entity after start needs no database connection ({@link EntityMetadata}). */
class EntityMetadataWithoutConnectionTest {
    private EntityManagerFactory entityManagerFactory;

    @BeforeEach
    void startWithAPoolOfOneConnection() {
        DatabaseConfiguration configuration = new DatabaseConfiguration("org.apache.derby.jdbc.EmbeddedDriver",
            "jdbc:derby:memory:metadata-" + UUID.randomUUID() + ";create=true", Optional.empty(),
            Map.of("MaxTotal", "1", "MaxWaitMillis", "30000"), Map.of());
        entityManagerFactory = new JpaEntityManagerModule().entityManagerFactory(configuration);
    }

    @AfterEach
    void close() {
        entityManagerFactory.close();
    }

    @Test
    void firstQueryOfAnEntityShouldBePreparedWhileEveryPooledConnectionIsInUse() throws Exception {
        DataSource pool = ((JDBCConfiguration) OpenJPAPersistence.cast(entityManagerFactory).getConfiguration())
            .getDataSource(null);
        try (Connection onlyConnection = pool.getConnection()) {
            CompletableFuture<String> prepared = CompletableFuture.supplyAsync(() -> {
                EntityManager entityManager = entityManagerFactory.createEntityManager();
                try {
                    return entityManager.createNamedQuery("findActiveByUsername").toString();
                } finally {
                    entityManager.close();
                }
            });

            assertThat(prepared.get(20, TimeUnit.SECONDS)).as("prepared without waiting for a connection").isNotEmpty();
        }
    }
}
