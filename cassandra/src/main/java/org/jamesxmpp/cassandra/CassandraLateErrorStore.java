package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.LateErrorTable.KEY;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.MAIL_NAME;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.RECIPIENT;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.RETRIES;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.RETURNED_HEADERS;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.ROUTE;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.SENDER;
import static org.jamesxmpp.cassandra.tables.LateErrorTable.TABLE_NAME;

import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jamesxmpp.core.store.SentStanzaKey;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;

import reactor.core.publisher.Mono;

/**
 * The late-error registry shared by every node, so that a peer's late error reaching another node than the one that
 * sent the stanza still becomes a DSN. A ticket expires through its CQL TTL (the retention, rounded up to whole
 * seconds); {@code lateErrors/maxEntries} does not apply: the table holds one retention's worth of acknowledged
 * stanzas. Taking a ticket is a read followed by a lightweight-transaction delete ({@code IF EXISTS}), so of two nodes
 * taking the same ticket at once exactly one gets it.
 */
public class CassandraLateErrorStore implements LateErrorStore {
    private static final String COLUMNS = String.join(", ", ROUTE, MAIL_NAME, SENDER, RECIPIENT, RETRIES, RETURNED_HEADERS);

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    public CassandraLateErrorStore(CqlSession session, LateErrorRetention retention) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO " + TABLE_NAME + " (" + KEY + ", " + COLUMNS + ") VALUES (:" + KEY
            + ", :" + ROUTE + ", :" + MAIL_NAME + ", :" + SENDER + ", :" + RECIPIENT + ", :" + RETRIES + ", :"
            + RETURNED_HEADERS + ") USING TTL " + CassandraInboundDedupStore.ttlSeconds(retention.retention()));
        this.select = session.prepare("SELECT " + COLUMNS + " FROM " + TABLE_NAME + " WHERE " + KEY + " = :" + KEY);
        this.delete = session.prepare("DELETE FROM " + TABLE_NAME + " WHERE " + KEY + " = :" + KEY + " IF EXISTS");
    }

    @Override
    public Mono<Void> remember(SentStanzaKey key, LateErrorTicket ticket) {
        return execute(insert.bind()
                .setString(KEY, key.digest())
                .setString(ROUTE, ticket.route())
                .setString(MAIL_NAME, ticket.mailName())
                .setString(SENDER, ticket.sender())
                .setString(RECIPIENT, ticket.recipient())
                .setInt(RETRIES, ticket.retries())
                .setString(RETURNED_HEADERS, ticket.returnedHeaders()))
            .then();
    }

    @Override
    public Mono<LateErrorTicket> take(SentStanzaKey key) {
        return execute(select.bind().setString(KEY, key.digest()))
            .flatMap(result -> Mono.justOrEmpty(result.one()))
            .map(CassandraLateErrorStore::ticket)
            .flatMap(ticket -> execute(delete.bind().setString(KEY, key.digest()))
                .filter(AsyncResultSet::wasApplied)
                .map(any -> ticket));
    }

    private static LateErrorTicket ticket(Row row) {
        return new LateErrorTicket(row.getString(ROUTE), row.getString(MAIL_NAME), row.getString(SENDER),
            row.getString(RECIPIENT), row.getInt(RETRIES), row.getString(RETURNED_HEADERS));
    }

    private Mono<AsyncResultSet> execute(Statement<?> statement) {
        return Mono.fromCompletionStage(() -> session.executeAsync(statement
            .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)));
    }
}
