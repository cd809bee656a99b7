package org.jamesxmpp.guice.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a store purges its expired rows: at most once an interval, and then by one caller only, so that the
 * writes of a busy store do not each pay for a DELETE.
 */
final class PurgeSchedule {
    private final Duration interval;
    private final String delete;
    private final AtomicLong next = new AtomicLong();

    /** Purges the rows of {@code table} whose {@code timeColumn} (epoch millis) is at most the bound given. */
    PurgeSchedule(Duration interval, String table, String timeColumn) {
        this.interval = interval;
        this.delete = "DELETE FROM " + table + " WHERE " + timeColumn + " <= ?";
    }

    /** True for the one caller that is to purge now; the next purge is then due an interval later. */
    private boolean claim(long nowMillis) {
        long due = next.get();
        return nowMillis >= due && next.compareAndSet(due, nowMillis + interval.toMillis());
    }

    /** Deletes the rows up to {@code upToMillis} when a purge is due; returns how many went (0 when none was due). */
    int purgeIfDue(Connection connection, long nowMillis, long upToMillis) throws SQLException {
        if (!claim(nowMillis)) {
            return 0;
        }
        try (PreparedStatement purge = connection.prepareStatement(delete)) {
            purge.setLong(1, upToMillis);
            return purge.executeUpdate();
        }
    }
}
