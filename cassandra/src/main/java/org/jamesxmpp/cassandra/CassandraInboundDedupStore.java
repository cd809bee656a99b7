package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.InboundDedupTable.CLAIMED_AT;
import static org.jamesxmpp.cassandra.tables.InboundDedupTable.KEY;
import static org.jamesxmpp.cassandra.tables.InboundDedupTable.TABLE_NAME;

import java.time.Clock;
import java.time.Duration;

import org.jamesxmpp.core.store.DedupKey;
import org.jamesxmpp.core.store.InboundDedupStore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * Claims shared by every node: a claim is a lightweight transaction ({@code IF NOT EXISTS}), so of two copies of a
 * stanza arriving at two nodes at once exactly one wins; it expires through its CQL TTL, the dedup window rounded up
 * to whole seconds. A release is a lightweight transaction too, so it orders with the claims.
 */
public class CassandraInboundDedupStore implements InboundDedupStore {
    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement claim;
    private final PreparedStatement release;

    public CassandraInboundDedupStore(CqlSession session, Duration window, Clock clock) {
        Preconditions.checkArgument(!window.isNegative() && !window.isZero(), "the dedup window must be positive");
        this.session = session;
        this.clock = clock;
        this.claim = session.prepare("INSERT INTO " + TABLE_NAME + " (" + KEY + ", " + CLAIMED_AT + ") VALUES (:"
            + KEY + ", :" + CLAIMED_AT + ") IF NOT EXISTS USING TTL " + ttlSeconds(window));
        this.release = session.prepare("DELETE FROM " + TABLE_NAME + " WHERE " + KEY + " = :" + KEY + " IF EXISTS");
    }

    @Override
    public Mono<Boolean> claim(DedupKey key) {
        return execute(claim.bind()
                .setString(KEY, DedupKeys.partitionKey(key))
                .setInstant(CLAIMED_AT, clock.instant()))
            .map(AsyncResultSet::wasApplied);
    }

    @Override
    public Mono<Void> release(DedupKey key) {
        return execute(release.bind()
                .setString(KEY, DedupKeys.partitionKey(key)))
            .then();
    }

    private Mono<AsyncResultSet> execute(Statement<?> statement) {
        return Mono.fromCompletionStage(() -> session.executeAsync(statement
            .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)));
    }

    static int ttlSeconds(Duration window) {
        long seconds = window.getSeconds() + (window.getNano() > 0 ? 1 : 0);
        return Math.toIntExact(seconds);
    }
}
