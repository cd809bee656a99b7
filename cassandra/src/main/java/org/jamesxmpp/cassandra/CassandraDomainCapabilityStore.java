package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.DomainCapabilityTable.ASKER;
import static org.jamesxmpp.cassandra.tables.DomainCapabilityTable.DOMAIN;
import static org.jamesxmpp.cassandra.tables.DomainCapabilityTable.EXPIRES_AT;
import static org.jamesxmpp.cassandra.tables.DomainCapabilityTable.FEATURES;
import static org.jamesxmpp.cassandra.tables.DomainCapabilityTable.STORED_AT;
import static org.jamesxmpp.cassandra.tables.DomainCapabilityTable.TABLE_NAME;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.store.DomainCapabilities;
import org.jamesxmpp.core.store.DomainCapabilityStore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import reactor.core.publisher.Mono;

/**
 * The capabilities every node shares, so that a peer domain is asked once per TTL by the cluster, not by each node.
 * A put overwrites the pair's row with a CQL TTL of the TTL rounded up to whole seconds; a read by the pair's key
 * also ignores a row whose {@code expires_at} passed by this node's clock. Last write wins: two nodes asking at once
 * store answers of the same peer.
 */
public class CassandraDomainCapabilityStore implements DomainCapabilityStore {
    private static final String TTL = "ttl";

    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    public CassandraDomainCapabilityStore(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.insert = session.prepare("INSERT INTO " + TABLE_NAME + " (" + DOMAIN + ", " + ASKER + ", " + FEATURES + ", "
            + STORED_AT + ", " + EXPIRES_AT + ") VALUES (:" + DOMAIN + ", :" + ASKER + ", :" + FEATURES + ", :"
            + STORED_AT + ", :" + EXPIRES_AT + ") USING TTL :" + TTL);
        this.select = session.prepare("SELECT " + FEATURES + ", " + STORED_AT + ", " + EXPIRES_AT + " FROM "
            + TABLE_NAME + " WHERE " + DOMAIN + " = :" + DOMAIN + " AND " + ASKER + " = :" + ASKER);
    }

    @Override
    public Mono<DomainCapabilities> get(String asker, String domain) {
        return Mono.fromCompletionStage(() -> session.executeAsync(select.bind()
                .setString(DOMAIN, domain)
                .setString(ASKER, asker)))
            .flatMap(result -> Mono.justOrEmpty(Optional.ofNullable(result.one())))
            .filter(row -> row.getInstant(EXPIRES_AT).isAfter(clock.instant()))
            .map(CassandraDomainCapabilityStore::capabilities);
    }

    @Override
    public Mono<Void> put(String asker, String domain, Set<String> features, Duration ttl) {
        DomainCapabilities capabilities = new DomainCapabilities(features, clock.instant());
        Instant storedAt = capabilities.storedAt();
        return Mono.fromCompletionStage(() -> session.executeAsync(insert.bind()
                .setString(DOMAIN, domain)
                .setString(ASKER, asker)
                .setSet(FEATURES, capabilities.features(), String.class)
                .setInstant(STORED_AT, storedAt)
                .setInstant(EXPIRES_AT, storedAt.plus(ttl))
                .setInt(TTL, CassandraInboundDedupStore.ttlSeconds(ttl))))
            .then();
    }

    private static DomainCapabilities capabilities(Row row) {
        return new DomainCapabilities(row.getSet(FEATURES, String.class), row.getInstant(STORED_AT));
    }
}
