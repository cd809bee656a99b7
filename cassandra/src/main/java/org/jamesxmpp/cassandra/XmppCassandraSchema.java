package org.jamesxmpp.cassandra;

import java.util.List;

import org.jamesxmpp.cassandra.tables.DeliveryLedgerTable;
import org.jamesxmpp.cassandra.tables.DialbackSecretTable;
import org.jamesxmpp.cassandra.tables.DomainCapabilityTable;
import org.jamesxmpp.cassandra.tables.InboundDedupTable;
import org.jamesxmpp.cassandra.tables.LateErrorTable;
import org.jamesxmpp.cassandra.tables.RosterTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The extension's tables, created at start when missing: every node may run this, any number of times. */
public final class XmppCassandraSchema {
    public static final List<String> TABLES = ImmutableList.of(
        "CREATE TABLE IF NOT EXISTS " + DialbackSecretTable.TABLE_NAME + " ("
            + DialbackSecretTable.RING + " text, "
            + DialbackSecretTable.GENERATION + " int, "
            + DialbackSecretTable.SECRET + " text, "
            + DialbackSecretTable.CREATED_AT + " timestamp, "
            + "PRIMARY KEY (" + DialbackSecretTable.RING + ", " + DialbackSecretTable.GENERATION + ")) "
            + "WITH CLUSTERING ORDER BY (" + DialbackSecretTable.GENERATION + " DESC)",
        "CREATE TABLE IF NOT EXISTS " + InboundDedupTable.TABLE_NAME + " ("
            + InboundDedupTable.KEY + " text PRIMARY KEY, "
            + InboundDedupTable.CLAIMED_AT + " timestamp)",
        "CREATE TABLE IF NOT EXISTS " + LateErrorTable.TABLE_NAME + " ("
            + LateErrorTable.KEY + " text PRIMARY KEY, "
            + LateErrorTable.ROUTE + " text, "
            + LateErrorTable.MAIL_NAME + " text, "
            + LateErrorTable.SENDER + " text, "
            + LateErrorTable.RECIPIENT + " text, "
            + LateErrorTable.RETRIES + " int, "
            + LateErrorTable.RETURNED_HEADERS + " text)",
        "CREATE TABLE IF NOT EXISTS " + DeliveryLedgerTable.TABLE_NAME + " ("
            + DeliveryLedgerTable.KEY + " text PRIMARY KEY, "
            + DeliveryLedgerTable.ATTEMPTED_AT + " timestamp)",
        "CREATE TABLE IF NOT EXISTS " + DomainCapabilityTable.TABLE_NAME + " ("
            + DomainCapabilityTable.DOMAIN + " text, "
            + DomainCapabilityTable.ASKER + " text, "
            + DomainCapabilityTable.FEATURES + " set<text>, "
            + DomainCapabilityTable.STORED_AT + " timestamp, "
            + DomainCapabilityTable.EXPIRES_AT + " timestamp, "
            + "PRIMARY KEY ((" + DomainCapabilityTable.DOMAIN + ", " + DomainCapabilityTable.ASKER + ")))",
        "CREATE TABLE IF NOT EXISTS " + RosterTable.TABLE_NAME + " ("
            + RosterTable.OWNER + " text, "
            + RosterTable.CONTACT + " text, "
            + RosterTable.NAME + " text, "
            + RosterTable.GROUPS + " list<text>, "
            + RosterTable.SUBSCRIPTION + " text, "
            + RosterTable.ASK + " boolean, "
            + RosterTable.PENDING_IN + " boolean, "
            + RosterTable.LISTED + " boolean, "
            + RosterTable.VERSION + " bigint, "
            + "PRIMARY KEY ((" + RosterTable.OWNER + "), " + RosterTable.CONTACT + "))");

    private XmppCassandraSchema() {
    }

    /** Creates the missing tables in the session's keyspace, one after the other. */
    public static Mono<Void> createTables(CqlSession session) {
        return Flux.fromIterable(TABLES)
            .concatMap(statement -> Mono.fromCompletionStage(() -> session.executeAsync(statement)))
            .then();
    }
}
