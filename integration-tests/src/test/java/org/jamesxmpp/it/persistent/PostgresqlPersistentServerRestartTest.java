package org.jamesxmpp.it.persistent;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The same server against a real PostgreSQL on loopback, by {@code james-database.properties} only. */
class PostgresqlPersistentServerRestartTest implements PersistentServerRestartContract {
    @TempDir
    Path data;

    private PostgresqlProcess postgresql;

    @BeforeEach
    void setUp() throws Exception {
        postgresql = PostgresqlProcess.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        postgresql.close();
    }

    @Override
    public Path dataDirectory() {
        return data;
    }

    @Override
    public Optional<String> databaseProperties() {
        return Optional.of(String.join("\n",
            "database.driverClassName=org.postgresql.Driver",
            "database.url=" + postgresql.jdbcUrl(),
            "database.username=" + PostgresqlProcess.USER,
            "database.password=" + PostgresqlProcess.PASSWORD,
            ""));
    }
}
