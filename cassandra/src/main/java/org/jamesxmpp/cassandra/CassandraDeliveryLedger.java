package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.DeliveryLedgerTable.ATTEMPTED_AT;
import static org.jamesxmpp.cassandra.tables.DeliveryLedgerTable.KEY;
import static org.jamesxmpp.cassandra.tables.DeliveryLedgerTable.TABLE_NAME;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jamesxmpp.core.store.DeliveryLedger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;

/**
 * The ledger every node shares, so that a mail the spool (RabbitMQ) hands out again to another node than the one that
 * delivered it is still recognised. A first attempt is a lightweight transaction ({@code IF NOT EXISTS}); a row older
 * than the window is replaced by another one conditional on the time it held, so of two nodes recording the same
 * attempt at once exactly one finds no earlier attempt. Rows expire through their CQL TTL, the window rounded up to
 * whole seconds. Blocking: called by a mailet on a spool thread.
 */
public class CassandraDeliveryLedger implements DeliveryLedger {
    private static final String TTL = "ttl";
    private static final String PREVIOUS = "previous";
    /** A lost race means another node wrote an attempt (or the row expired): the next try reads it. */
    private static final int ATTEMPTS = 3;

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement replace;

    public CassandraDeliveryLedger(CqlSession session) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO " + TABLE_NAME + " (" + KEY + ", " + ATTEMPTED_AT + ") VALUES (:"
            + KEY + ", :" + ATTEMPTED_AT + ") IF NOT EXISTS USING TTL :" + TTL);
        this.replace = session.prepare("UPDATE " + TABLE_NAME + " USING TTL :" + TTL + " SET " + ATTEMPTED_AT + " = :"
            + ATTEMPTED_AT + " WHERE " + KEY + " = :" + KEY + " IF " + ATTEMPTED_AT + " = :" + PREVIOUS);
    }

    @Override
    public Optional<Instant> recordAttempt(String key, Instant now, Duration window) {
        int ttl = CassandraInboundDedupStore.ttlSeconds(window);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ResultSet inserted = execute(insert.bind()
                .setString(KEY, key)
                .setInstant(ATTEMPTED_AT, now)
                .setInt(TTL, ttl));
            if (inserted.wasApplied()) {
                return Optional.empty();
            }
            Instant recorded = inserted.one().getInstant(ATTEMPTED_AT);
            if (recorded.isAfter(now.minus(window))) {
                return Optional.of(recorded);
            }
            ResultSet replaced = execute(replace.bind()
                .setInt(TTL, ttl)
                .setInstant(ATTEMPTED_AT, now)
                .setString(KEY, key)
                .setInstant(PREVIOUS, recorded));
            if (replaced.wasApplied()) {
                return Optional.empty();
            }
        }
        throw new IllegalStateException("the ledger row " + key + " kept changing during " + ATTEMPTS + " attempts");
    }

    private ResultSet execute(Statement<?> statement) {
        return session.execute(statement
            .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL));
    }
}
