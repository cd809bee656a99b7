package org.jamesxmpp.guice.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.DeliveryLedger;

/**
 * The ledger of the persistent single node, in the database of James's JPA stores (table {@value #TABLE}), where the
 * spool (KahaDB) and the mailboxes (Derby) outlive a crash too. A row holds the key and when the first attempt was;
 * rows older than the window are purged at most once a {@link #PURGE_INTERVAL}, so the table holds one row per
 * recipient delivered within the window. Blocking: called by a mailet on a spool thread.
 */
public class JpaDeliveryLedger implements DeliveryLedger {
    public static final String TABLE = "XMPP_DELIVERY_LEDGER";
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final JpaConnections connections;
    private final PurgeSchedule purges = new PurgeSchedule(PURGE_INTERVAL, TABLE, "attempted_at");

    public JpaDeliveryLedger(EntityManagerFactory entityManagerFactory) {
        this.connections = new JpaConnections(entityManagerFactory, TABLE);
        connections.createTableIfMissing("digest VARCHAR(64) NOT NULL PRIMARY KEY, attempted_at BIGINT NOT NULL",
            List.of("CREATE INDEX " + TABLE + "_ATTEMPTED ON " + TABLE + " (attempted_at)"));
    }

    @Override
    public Optional<Instant> recordAttempt(String key, Instant now, Duration window) {
        long oldestKept = now.minus(window).toEpochMilli();
        return connections.inTransaction(connection -> {
            purges.purgeIfDue(connection, now.toEpochMilli(), oldestKept);
            Optional<Long> first = firstAttempt(connection, key);
            if (first.isPresent() && first.get() > oldestKept) {
                return first.map(Instant::ofEpochMilli);
            }
            if (first.isPresent()) {
                update(connection, key, now.toEpochMilli());
                return Optional.empty();
            }
            return insert(connection, key, now.toEpochMilli())
                ? Optional.<Instant>empty()
                : firstAttempt(connection, key).map(Instant::ofEpochMilli);
        });
    }

    private static Optional<Long> firstAttempt(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT attempted_at FROM " + TABLE + " WHERE digest = ?")) {
            select.setString(1, key);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void update(Connection connection, String key, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + TABLE + " SET attempted_at = ? WHERE digest = ?")) {
            update.setLong(1, now);
            update.setString(2, key);
            update.executeUpdate();
        }
    }

    /** False when a concurrent attempt inserted the key first. */
    private static boolean insert(Connection connection, String key, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (digest, attempted_at) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setLong(2, now);
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
