package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.CLUSTER;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.CREATED_AT;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.GENERATION;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.RING;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.SECRET;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.TABLE_NAME;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jamesxmpp.core.store.DialbackSecret;
import org.jamesxmpp.core.store.DialbackSecretStore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.common.collect.ImmutableList;

/**
 * The dialback secret's generations shared by the cluster. A node that finds none, or the newest due, writes the next
 * generation with a lightweight transaction ({@code IF NOT EXISTS} on that generation's row); of nodes racing, one
 * wins and all read the winner back (reads are {@code SERIAL}, so they see what a transaction wrote). Generations
 * older than the {@link #KEPT} newest are deleted after a rotation. Blocking: called by the rotation's own thread.
 */
public class CassandraDialbackSecretStore implements DialbackSecretStore {
    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insertIfAbsent;
    private final PreparedStatement deleteOlder;

    public CassandraDialbackSecretStore(CqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT " + GENERATION + ", " + SECRET + ", " + CREATED_AT + " FROM " + TABLE_NAME
            + " WHERE " + RING + " = :" + RING + " LIMIT " + KEPT);
        this.insertIfAbsent = session.prepare("INSERT INTO " + TABLE_NAME + " (" + RING + ", " + GENERATION + ", "
            + SECRET + ", " + CREATED_AT + ") VALUES (:" + RING + ", :" + GENERATION + ", :" + SECRET + ", :"
            + CREATED_AT + ") IF NOT EXISTS");
        this.deleteOlder = session.prepare("DELETE FROM " + TABLE_NAME + " WHERE " + RING + " = :" + RING + " AND "
            + GENERATION + " <= :" + GENERATION);
    }

    @Override
    public List<DialbackSecret> rotate(Instant now, Duration interval, Supplier<String> candidate) {
        List<DialbackSecret> current = read();
        if (!DialbackSecretStore.due(current, now, interval)) {
            return current;
        }
        DialbackSecret next = current.isEmpty()
            ? new DialbackSecret(1, candidate.get(), now)
            : current.get(0).next(candidate.get(), now);
        boolean written = session.execute(insertIfAbsent.bind()
                .setString(RING, CLUSTER)
                .setInt(GENERATION, next.generation())
                .setString(SECRET, next.secret())
                .setInstant(CREATED_AT, next.createdAt())
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL))
            .wasApplied();
        if (written && next.generation() > KEPT) {
            session.execute(deleteOlder.bind()
                .setString(RING, CLUSTER)
                .setInt(GENERATION, next.generation() - KEPT)
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
        }
        return read();
    }

    private List<DialbackSecret> read() {
        return session.execute(select.bind()
                .setString(RING, CLUSTER)
                .setConsistencyLevel(DefaultConsistencyLevel.SERIAL))
            .all().stream()
            .map(CassandraDialbackSecretStore::secret)
            .collect(ImmutableList.toImmutableList());
    }

    private static DialbackSecret secret(Row row) {
        return new DialbackSecret(row.getInt(GENERATION), row.getString(SECRET), row.getInstant(CREATED_AT));
    }
}
