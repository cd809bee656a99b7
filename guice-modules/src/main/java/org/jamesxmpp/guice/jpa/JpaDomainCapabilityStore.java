package org.jamesxmpp.guice.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.DomainCapabilities;
import org.jamesxmpp.core.store.DomainCapabilityStore;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The capabilities of the persistent single node, in the database of James's JPA stores (table {@value #TABLE}), so
 * that a restart does not ask every peer again. A row holds {@link DomainCapabilityStore#keyOf} the pair of domains,
 * the features (space separated), when they were stored and when they expire; expired rows are purged at most once a
 * {@link #PURGE_INTERVAL}, so the table holds the pairs asked within one TTL. Blocking: callers get a {@link Mono}
 * that runs on the bounded elastic scheduler, never on their thread.
 */
public class JpaDomainCapabilityStore implements DomainCapabilityStore {
    public static final String TABLE = "XMPP_DOMAIN_CAPABILITIES";
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final char SEPARATOR = ' ';

    private final JpaConnections connections;
    private final Clock clock;
    private final PurgeSchedule purges = new PurgeSchedule(PURGE_INTERVAL, TABLE, "expires_at");

    public JpaDomainCapabilityStore(EntityManagerFactory entityManagerFactory, Clock clock) {
        this.connections = new JpaConnections(entityManagerFactory, TABLE);
        this.clock = clock;
        connections.createTableIfMissing("digest VARCHAR(64) NOT NULL PRIMARY KEY, features VARCHAR("
                + DomainCapabilities.MAX_FEATURES_LENGTH + "), stored_at BIGINT NOT NULL, expires_at BIGINT NOT NULL",
            List.of("CREATE INDEX " + TABLE + "_EXPIRES ON " + TABLE + " (expires_at)"));
    }

    @Override
    public Mono<DomainCapabilities> get(String asker, String domain) {
        return Mono.fromCallable(() -> connections.inTransaction(connection -> find(connection,
                DomainCapabilityStore.keyOf(asker, domain), clock.millis())).orElse(null))
            .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> put(String asker, String domain, Set<String> features, Duration ttl) {
        DomainCapabilities capabilities = new DomainCapabilities(features, clock.instant());
        String digest = DomainCapabilityStore.keyOf(asker, domain);
        return Mono.fromCallable(() -> connections.inTransaction(connection -> {
            long now = capabilities.storedAt().toEpochMilli();
            purges.purgeIfDue(connection, now, now);
            String joined = String.join(String.valueOf(SEPARATOR), capabilities.features());
            long expiresAt = now + ttl.toMillis();
            if (update(connection, digest, joined, now, expiresAt) || insert(connection, digest, joined, now, expiresAt)) {
                return 1;
            }
            return update(connection, digest, joined, now, expiresAt) ? 1 : 0;
        })).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private static Optional<DomainCapabilities> find(Connection connection, String digest, long now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT features, stored_at FROM " + TABLE + " WHERE digest = ? AND expires_at > ?")) {
            select.setString(1, digest);
            select.setLong(2, now);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                String features = Optional.ofNullable(result.getString(1)).orElse("");
                return Optional.of(new DomainCapabilities(
                    ImmutableSet.copyOf(Splitter.on(SEPARATOR).omitEmptyStrings().split(features)),
                    Instant.ofEpochMilli(result.getLong(2))));
            }
        }
    }

    private static boolean update(Connection connection, String digest, String features, long storedAt, long expiresAt)
        throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + TABLE + " SET features = ?, stored_at = ?, expires_at = ? WHERE digest = ?")) {
            update.setString(1, features);
            update.setLong(2, storedAt);
            update.setLong(3, expiresAt);
            update.setString(4, digest);
            return update.executeUpdate() > 0;
        }
    }

    /** False when a concurrent put inserted the row first. */
    private static boolean insert(Connection connection, String digest, String features, long storedAt, long expiresAt)
        throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (digest, features, stored_at, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, digest);
            insert.setString(2, features);
            insert.setLong(3, storedAt);
            insert.setLong(4, expiresAt);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (JpaConnections.isIntegrityViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
