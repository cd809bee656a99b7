package org.jamesxmpp.cassandra;

import java.time.Duration;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/**
 * Opens the extension's own session from {@link CassandraStoresConfiguration}, creating the keyspace when asked to
 * and the tables when missing. It does not use James's {@code ClusterFactory}: that one runs
 * {@code SELECT dateof(now())}, which Cassandra 5 rejects.
 */
public final class CassandraSessions {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSessions.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    // the driver's default waits up to a minute between attempts to reach a node that went down: inbound stanzas
    // would be refused (wait) that long after Cassandra is back
    private static final Duration RECONNECTION_MAX_DELAY = Duration.ofSeconds(5);

    private CassandraSessions() {
    }

    /** A session on the configured keyspace with the extension's tables, or a start-up error naming file and nodes. */
    public static CqlSession open(CassandraStoresConfiguration configuration) throws ConfigurationException {
        DriverException failure = null;
        for (int attempt = 0; attempt <= configuration.connectionRetries(); attempt++) {
            if (attempt > 0) {
                pause(configuration.retryDelay());
            }
            try {
                return connect(configuration);
            } catch (InvalidKeyspaceException e) {
                throw new ConfigurationException(CassandraStoresConfiguration.FILE + ": keyspace '"
                    + configuration.keyspace() + "' (" + CassandraStoresConfiguration.KEYSPACE + ") does not exist at "
                    + configuration.describeNodes() + ": create it, or set "
                    + CassandraStoresConfiguration.CREATE_KEYSPACE + "=true", e);
            } catch (DriverException e) {
                failure = e;
                LOGGER.warn("Cannot reach Cassandra at {} (attempt {} of {}): {}", configuration.describeNodes(),
                    attempt + 1, configuration.connectionRetries() + 1, e.getMessage());
            }
        }
        throw new ConfigurationException(CassandraStoresConfiguration.FILE + ": cannot use Cassandra at "
            + configuration.describeNodes() + " (" + CassandraStoresConfiguration.NODES + "), keyspace '"
            + configuration.keyspace() + "', after " + (configuration.connectionRetries() + 1) + " attempts: "
            + failure.getMessage(), failure);
    }

    /**
     * A session someone else opened (James's own, on James's keyspace) with the extension's tables created in its
     * keyspace; it stays its owner's to close.
     */
    public static CqlSession withTables(CqlSession session) throws ConfigurationException {
        String keyspace = session.getKeyspace()
            .orElseThrow(() -> new ConfigurationException("James's Cassandra session has no keyspace: the XMPP"
                + " Cassandra stores need one (" + CassandraStoresConfiguration.KEYSPACE + " in "
                + CassandraStoresConfiguration.FILE + ")"))
            .asInternal();
        try {
            XmppCassandraSchema.createTables(session).block();
        } catch (DriverException e) {
            throw new ConfigurationException("cannot create the XMPP tables in James's Cassandra keyspace '" + keyspace
                + "' (" + CassandraStoresConfiguration.KEYSPACE + " in " + CassandraStoresConfiguration.FILE + "): "
                + e.getMessage(), e);
        }
        LOGGER.info("XMPP Cassandra stores use James's Cassandra session, keyspace '{}'", keyspace);
        return session;
    }

    private static CqlSession connect(CassandraStoresConfiguration configuration) {
        if (configuration.createKeyspace()) {
            try (CqlSession admin = builder(configuration).build()) {
                admin.execute("CREATE KEYSPACE IF NOT EXISTS " + configuration.keyspace() + " WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': " + configuration.replicationFactor() + "}");
            }
        }
        CqlSession session = builder(configuration).withKeyspace(configuration.keyspace()).build();
        try {
            XmppCassandraSchema.createTables(session).block();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static CqlSessionBuilder builder(CassandraStoresConfiguration configuration) {
        CqlSessionBuilder builder = CqlSession.builder()
            .addContactPoints(configuration.nodes())
            .withLocalDatacenter(configuration.localDatacenter())
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofSeconds(1))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECTION_MAX_DELAY)
                .build());
        if (configuration.user().isPresent() && configuration.password().isPresent()) {
            builder = builder.withAuthCredentials(configuration.user().get(), configuration.password().get());
        }
        return builder;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Cassandra", e);
        }
    }
}
