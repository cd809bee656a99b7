package org.jamesxmpp.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/**
 * A fresh keyspace of the shared {@link EmbeddedCassandra} for one test class, with a session on it; both go away
 * after the class. Register it as a static field: {@code @RegisterExtension static CassandraKeyspaceExtension
 * cassandra = new CassandraKeyspaceExtension();}.
 */
public class CassandraKeyspaceExtension implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger KEYSPACES = new AtomicInteger();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final List<CqlSession> sessions = new ArrayList<>();
    private String keyspace;
    private CqlSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        keyspace = keyspaceName(context.getRequiredTestClass());
        try (CqlSession admin = sessionBuilder().build()) {
            admin.execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        }
        session = newSession();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null) {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        }
        sessions.forEach(CqlSession::close);
        sessions.clear();
    }

    /** The session of this test class, on its keyspace. */
    public CqlSession session() {
        return session;
    }

    public String keyspace() {
        return keyspace;
    }

    /** Another session on the same keyspace (say, a second James node's), closed after the class. */
    public CqlSession newSession() {
        CqlSession other = sessionBuilder().withKeyspace(keyspace).build();
        sessions.add(other);
        return other;
    }

    /** Empties every table of the keyspace, between tests. */
    public void truncateTables() {
        session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
            .all()
            .forEach(row -> session.execute("TRUNCATE " + keyspace + "." + row.getString("table_name")));
    }

    public static CqlSessionBuilder sessionBuilder() {
        EmbeddedCassandra cassandra = EmbeddedCassandra.instance();
        return CqlSession.builder()
            .addContactPoint(cassandra.contactPoint())
            .withLocalDatacenter(EmbeddedCassandra.DATACENTER)
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                // back soon after a failure test restarted Cassandra (the default waits up to a minute)
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .build());
    }

    private static String keyspaceName(Class<?> testClass) {
        String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String prefix = "t" + KEYSPACES.incrementAndGet() + "_";
        return prefix + name.substring(0, Math.min(name.length(), 40 - prefix.length()));
    }
}
