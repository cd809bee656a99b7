package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.CREATED_AT;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.CURRENT;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.NAME;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.SECRET;
import static org.jamesxmpp.cassandra.tables.DialbackSecretTable.TABLE_NAME;

import java.time.Clock;
import java.util.function.Supplier;

import org.jamesxmpp.core.store.DialbackSecretStore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

import reactor.core.publisher.Mono;

/**
 * One dialback secret for the whole cluster. The first node to start writes its candidate with a lightweight
 * transaction ({@code IF NOT EXISTS}); every other node, racing or later, reads that one back, so a key generated on
 * any node verifies on every node.
 */
public class CassandraDialbackSecretStore implements DialbackSecretStore {
    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement select;
    private final PreparedStatement insertIfAbsent;

    public CassandraDialbackSecretStore(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.select = session.prepare("SELECT " + SECRET + " FROM " + TABLE_NAME + " WHERE " + NAME + " = :" + NAME);
        this.insertIfAbsent = session.prepare("INSERT INTO " + TABLE_NAME + " (" + NAME + ", " + SECRET + ", "
            + CREATED_AT + ") VALUES (:" + NAME + ", :" + SECRET + ", :" + CREATED_AT + ") IF NOT EXISTS");
    }

    /** Blocks: the s2s engine asks once, while it starts. */
    @Override
    public String retrieveOrStore(Supplier<String> candidate) {
        return retrieveOrStoreReactive(candidate).block();
    }

    public Mono<String> retrieveOrStoreReactive(Supplier<String> candidate) {
        return retrieve()
            .switchIfEmpty(Mono.defer(() -> storeIfAbsent(candidate.get())));
    }

    private Mono<String> retrieve() {
        return execute(select.bind()
                .setString(NAME, CURRENT)
                .setConsistencyLevel(DefaultConsistencyLevel.SERIAL))
            .flatMap(result -> Mono.justOrEmpty(result.one()))
            .map(row -> row.getString(SECRET));
    }

    /** The candidate when it was written, else the secret another node wrote first (the LWT returns it). */
    private Mono<String> storeIfAbsent(String candidate) {
        return execute(insertIfAbsent.bind()
                .setString(NAME, CURRENT)
                .setString(SECRET, candidate)
                .setInstant(CREATED_AT, clock.instant())
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL))
            .map(result -> result.wasApplied() ? candidate : result.one().getString(SECRET));
    }

    private Mono<AsyncResultSet> execute(Statement<?> statement) {
        return Mono.fromCompletionStage(() -> session.executeAsync(statement));
    }
}
