package org.jamesxmpp.guice.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jamesxmpp.core.store.SentStanzaKey;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The late-error registry of the persistent single node, in the database of James's JPA stores (table {@value #TABLE}),
 * so that a peer's error for a stanza it acknowledged before our restart still becomes a DSN. A row holds
 * {@link SentStanzaKey#digest()}, when it was written and the {@link LateErrorTicket}. Rows older than the retention
 * are never taken and are purged at most once a {@link #PURGE_INTERVAL}; beyond {@code maxEntries} rows the oldest are
 * deleted, down to {@value #TRIM_PERCENT}% of the maximum, so that the trimming (a scan of the index) is rare.
 *
 * <p>Blocking: callers get a {@link Mono} that runs on the bounded elastic scheduler, never on their thread.
 */
public class JpaLateErrorStore implements LateErrorStore {
    public static final String TABLE = "XMPP_LATE_ERROR";
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    static final int TRIM_PERCENT = 90;
    private static final String COLUMNS = "route, mail_name, sender, recipient, retries, returned_headers";

    private final JpaConnections connections;
    private final LateErrorRetention retention;
    private final Clock clock;
    private final PurgeSchedule purges = new PurgeSchedule(PURGE_INTERVAL, TABLE, "created_at");
    private final AtomicLong rows;

    public JpaLateErrorStore(EntityManagerFactory entityManagerFactory, LateErrorRetention retention, Clock clock) {
        this.connections = new JpaConnections(entityManagerFactory, TABLE);
        this.retention = retention;
        this.clock = clock;
        connections.createTableIfMissing("digest VARCHAR(64) NOT NULL PRIMARY KEY, created_at BIGINT NOT NULL, "
                + "route VARCHAR(" + LateErrorTicket.MAX_ROUTE_LENGTH + ") NOT NULL, "
                + "mail_name VARCHAR(" + LateErrorTicket.MAX_NAME_LENGTH + ") NOT NULL, "
                + "sender VARCHAR(" + LateErrorTicket.MAX_ADDRESS_LENGTH + ") NOT NULL, "
                + "recipient VARCHAR(" + LateErrorTicket.MAX_ADDRESS_LENGTH + ") NOT NULL, "
                + "retries INTEGER NOT NULL, "
                + "returned_headers VARCHAR(" + LateErrorTicket.MAX_HEADERS_LENGTH + ") NOT NULL",
            List.of("CREATE INDEX " + TABLE + "_CREATED ON " + TABLE + " (created_at, digest)"));
        this.rows = new AtomicLong(connections.inTransaction(JpaLateErrorStore::count));
    }

    @Override
    public Mono<Void> remember(SentStanzaKey key, LateErrorTicket ticket) {
        return Mono.fromRunnable(() -> connections.inTransaction(connection -> remember(connection, key.digest(), ticket)))
            .subscribeOn(Schedulers.boundedElastic())
            .then();
    }

    @Override
    public Mono<LateErrorTicket> take(SentStanzaKey key) {
        return Mono.fromCallable(() -> connections.inTransaction(connection -> take(connection, key.digest())).orElse(null))
            .subscribeOn(Schedulers.boundedElastic());
    }

    private int remember(Connection connection, String digest, LateErrorTicket ticket) throws SQLException {
        long now = clock.millis();
        rows.addAndGet(-purges.purgeIfDue(connection, now, now - retention.retention().toMillis()));
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET created_at = ?, route = ?, "
                + "mail_name = ?, sender = ?, recipient = ?, retries = ?, returned_headers = ? WHERE digest = ?")) {
            update.setLong(1, now);
            bind(update, 2, ticket);
            update.setString(8, digest);
            if (update.executeUpdate() > 0) {
                return 1;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (digest, created_at, "
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, digest);
            insert.setLong(2, now);
            bind(insert, 3, ticket);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (JpaConnections.isIntegrityViolation(e)) {
                return 0;
            }
            throw e;
        }
        if (rows.incrementAndGet() > retention.maxEntries()) {
            trim(connection);
        }
        return 1;
    }

    private static void bind(PreparedStatement statement, int first, LateErrorTicket ticket) throws SQLException {
        statement.setString(first, ticket.route());
        statement.setString(first + 1, ticket.mailName());
        statement.setString(first + 2, ticket.sender());
        statement.setString(first + 3, ticket.recipient());
        statement.setInt(first + 4, ticket.retries());
        statement.setString(first + 5, ticket.returnedHeaders());
    }

    private Optional<LateErrorTicket> take(Connection connection, String digest) throws SQLException {
        Optional<LateErrorTicket> ticket;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE digest = ? AND created_at > ?")) {
            select.setString(1, digest);
            select.setLong(2, clock.millis() - retention.retention().toMillis());
            try (ResultSet result = select.executeQuery()) {
                ticket = result.next()
                    ? Optional.of(new LateErrorTicket(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getInt(5), result.getString(6)))
                    : Optional.empty();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE digest = ?")) {
            delete.setString(1, digest);
            int deleted = delete.executeUpdate();
            rows.addAndGet(-deleted);
            return deleted > 0 ? ticket : Optional.empty();
        }
    }


    /** Deletes the oldest rows, (created_at, digest) being a total order, so that the newest {@code kept} remain. */
    private void trim(Connection connection) throws SQLException {
        long kept = Math.max(1, (long) retention.maxEntries() * TRIM_PERCENT / 100);
        try (PreparedStatement oldestKept = connection.prepareStatement("SELECT created_at, digest FROM " + TABLE
                + " ORDER BY created_at DESC, digest DESC OFFSET " + (kept - 1) + " ROWS FETCH NEXT 1 ROWS ONLY");
             ResultSet result = oldestKept.executeQuery()) {
            if (result.next()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                        + " WHERE created_at < ? OR (created_at = ? AND digest < ?)")) {
                    delete.setLong(1, result.getLong(1));
                    delete.setLong(2, result.getLong(1));
                    delete.setString(3, result.getString(2));
                    delete.executeUpdate();
                }
            }
        }
        rows.set(count(connection));
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + TABLE);
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
