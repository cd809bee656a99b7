package org.jamesxmpp.it.persistent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.jamesxmpp.core.store.BoundedLateErrorStoreContract;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.guice.jpa.JpaLateErrorStore;
import org.jamesxmpp.jpa.DatabaseConfiguration;
import org.jamesxmpp.jpa.JpaEntityManagerModule;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The persistent flavour's late-error registry on a real PostgreSQL, as on Derby (the same contract). */
class PostgresqlLateErrorStoreTest implements BoundedLateErrorStoreContract {
    private static PostgresqlProcess postgresql;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private EntityManagerFactory entityManagerFactory;
    private JpaLateErrorStore testee;

    @BeforeAll
    static void startPostgresql() throws Exception {
        postgresql = PostgresqlProcess.start();
    }

    @AfterAll
    static void stopPostgresql() throws Exception {
        postgresql.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgresql.jdbcUrl(), PostgresqlProcess.USER,
                PostgresqlProcess.PASSWORD);
             Statement drop = connection.createStatement()) {
            drop.executeUpdate("DROP TABLE IF EXISTS " + JpaLateErrorStore.TABLE);
        }
        DatabaseConfiguration configuration = new DatabaseConfiguration("org.postgresql.Driver", postgresql.jdbcUrl(),
            Optional.of(new DatabaseConfiguration.Credential(PostgresqlProcess.USER, PostgresqlProcess.PASSWORD)),
            Map.of(), Map.of());
        entityManagerFactory = Persistence.createEntityManagerFactory(JpaEntityManagerModule.PERSISTENCE_UNIT,
            configuration.entityManagerFactoryProperties());
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
}
