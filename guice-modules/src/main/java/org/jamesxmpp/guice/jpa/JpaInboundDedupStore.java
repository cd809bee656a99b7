package org.jamesxmpp.guice.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.DedupKey;
import org.jamesxmpp.core.store.InboundDedupStore;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The claims of the persistent single node, in the database of James's JPA stores (table {@value #TABLE}), so that a
 * peer re-sending after our restart is still recognised. A row holds {@link DedupKey#digest()} and when it expires;
 * the primary key makes two concurrent claims have one winner. Expired rows are purged at most once a
 * {@link #PURGE_INTERVAL}, so the table holds at most one window of claims.
 *
 * <p>Plain SQL on the persistence unit's own connection (no entity to enhance), the same on Derby and PostgreSQL.
 * Blocking: callers get a {@link Mono} that runs on the bounded elastic scheduler, never on their thread.
 */
public class JpaInboundDedupStore implements InboundDedupStore {
    public static final String TABLE = "XMPP_INBOUND_DEDUP";
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final JpaConnections connections;
    private final Duration window;
    private final Clock clock;
    private final PurgeSchedule purges = new PurgeSchedule(PURGE_INTERVAL, TABLE, "expires_at");

    public JpaInboundDedupStore(EntityManagerFactory entityManagerFactory, Duration window, Clock clock) {
        this.connections = new JpaConnections(entityManagerFactory, TABLE);
        this.window = window;
        this.clock = clock;
        connections.createTableIfMissing("digest VARCHAR(64) NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL", List.of());
    }

    @Override
    public Mono<Boolean> claim(DedupKey key) {
        return Mono.fromCallable(() -> connections.inTransaction(connection -> claim(connection, key.digest())))
            .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> release(DedupKey key) {
        return Mono.fromRunnable(() -> connections.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE digest = ?")) {
                delete.setString(1, key.digest());
                return delete.executeUpdate();
            }
        })).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private boolean claim(Connection connection, String digest) throws SQLException {
        long now = clock.millis();
        purges.purgeIfDue(connection, now, now);
        try (PreparedStatement expired = connection.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE digest = ? AND expires_at <= ?")) {
            expired.setString(1, digest);
            expired.setLong(2, now);
            expired.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (digest, expires_at) VALUES (?, ?)")) {
            insert.setString(1, digest);
            insert.setLong(2, now + window.toMillis());
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
