package org.jamesxmpp.cassandra;

import static org.jamesxmpp.cassandra.tables.RosterTable.ASK;
import static org.jamesxmpp.cassandra.tables.RosterTable.CONTACT;
import static org.jamesxmpp.cassandra.tables.RosterTable.GROUPS;
import static org.jamesxmpp.cassandra.tables.RosterTable.LISTED;
import static org.jamesxmpp.cassandra.tables.RosterTable.NAME;
import static org.jamesxmpp.cassandra.tables.RosterTable.OWNER;
import static org.jamesxmpp.cassandra.tables.RosterTable.PENDING_IN;
import static org.jamesxmpp.cassandra.tables.RosterTable.SUBSCRIPTION;
import static org.jamesxmpp.cassandra.tables.RosterTable.TABLE_NAME;
import static org.jamesxmpp.cassandra.tables.RosterTable.VERSION;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.core.store.RosterStore;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rosters every node shares (table {@code xmpp_roster}, a partition per user). A change is atomic per item: a
 * lightweight transaction conditional on the row's {@code version} as it was read (serially), or on its absence for a
 * new item; a lost race reads again and applies the change to what the other writer left. The maximum is checked by
 * counting the user's partition before a new item is inserted, so two new items of one user written at the same
 * moment by two nodes may pass it by one (as in the JPA store).
 */
public class CassandraRosterStore implements RosterStore {
    private static final int ATTEMPTS = 100;
    private static final String PREVIOUS = "previous";
    private static final String COLUMNS = CONTACT + ", " + NAME + ", " + GROUPS + ", " + SUBSCRIPTION + ", " + ASK + ", "
        + PENDING_IN + ", " + LISTED;

    private final CqlSession session;
    private final int maxItems;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectOne;
    private final PreparedStatement count;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;

    public CassandraRosterStore(CqlSession session, int maxItems) {
        Preconditions.checkArgument(maxItems > 0, "maxItems must be positive: %s", maxItems);
        this.session = session;
        this.maxItems = maxItems;
        String owner = " WHERE " + OWNER + " = :" + OWNER;
        String item = owner + " AND " + CONTACT + " = :" + CONTACT;
        this.selectAll = session.prepare("SELECT " + COLUMNS + " FROM " + TABLE_NAME + owner);
        this.selectOne = session.prepare("SELECT " + COLUMNS + ", " + VERSION + " FROM " + TABLE_NAME + item);
        this.count = session.prepare("SELECT COUNT(*) FROM " + TABLE_NAME + owner);
        this.insert = session.prepare("INSERT INTO " + TABLE_NAME + " (" + OWNER + ", " + COLUMNS + ", " + VERSION
            + ") VALUES (:" + OWNER + ", :" + CONTACT + ", :" + NAME + ", :" + GROUPS + ", :" + SUBSCRIPTION + ", :" + ASK
            + ", :" + PENDING_IN + ", :" + LISTED + ", :" + VERSION + ") IF NOT EXISTS");
        this.update = session.prepare("UPDATE " + TABLE_NAME + " SET " + NAME + " = :" + NAME + ", " + GROUPS + " = :"
            + GROUPS + ", " + SUBSCRIPTION + " = :" + SUBSCRIPTION + ", " + ASK + " = :" + ASK + ", " + PENDING_IN + " = :"
            + PENDING_IN + ", " + LISTED + " = :" + LISTED + ", " + VERSION + " = :" + VERSION + item + " IF " + VERSION
            + " = :" + PREVIOUS);
        this.delete = session.prepare("DELETE FROM " + TABLE_NAME + item + " IF " + VERSION + " = :" + PREVIOUS);
    }

    @Override
    public Mono<List<RosterItem>> items(EntityBareJid owner) {
        return execute(selectAll.bind().setString(OWNER, owner.toString()))
            .flatMapMany(CassandraRosterStore::rows)
            .map(CassandraRosterStore::item)
            .collect(ImmutableList.toImmutableList());
    }

    @Override
    public Mono<RosterItem> item(EntityBareJid owner, BareJid contact) {
        return execute(selectOne.bind().setString(OWNER, owner.toString()).setString(CONTACT, contact.toString()))
            .flatMap(result -> Mono.justOrEmpty(result.one()))
            .map(CassandraRosterStore::item);
    }

    @Override
    public Mono<RosterChange> update(EntityBareJid owner, BareJid contact, UnaryOperator<Optional<RosterItem>> change) {
        return attempt(owner, contact, change, 1);
    }

    private Mono<RosterChange> attempt(EntityBareJid owner, BareJid contact, UnaryOperator<Optional<RosterItem>> change,
                                       int attempt) {
        return readVersioned(owner, contact)
            .flatMap(read -> apply(owner, contact, change, read))
            .flatMap(done -> done.map(Mono::just).orElseGet(() -> {
                if (attempt == ATTEMPTS) {
                    return Mono.error(new IllegalStateException("roster item of " + owner + " kept changing"));
                }
                return attempt(owner, contact, change, attempt + 1);
            }));
    }

    private record Versioned(Optional<RosterItem> item, long version) {
    }

    private Mono<Versioned> readVersioned(EntityBareJid owner, BareJid contact) {
        return execute(selectOne.bind()
                .setString(OWNER, owner.toString())
                .setString(CONTACT, contact.toString())
                .setConsistencyLevel(DefaultConsistencyLevel.SERIAL))
            .map(result -> Optional.ofNullable(result.one())
                .map(row -> new Versioned(Optional.of(item(row)), row.getLong(VERSION)))
                .orElse(new Versioned(Optional.empty(), 0)));
    }

    /** Empty when another writer changed the item since it was read. */
    private Mono<Optional<RosterChange>> apply(EntityBareJid owner, BareJid contact,
                                               UnaryOperator<Optional<RosterItem>> change, Versioned read) {
        Optional<RosterItem> before = read.item();
        Optional<RosterItem> after = RosterStore.kept(change.apply(before));
        after.ifPresent(item -> Preconditions.checkArgument(item.jid().equals(contact), "item for %s, not %s", item.jid(), contact));
        RosterChange outcome = new RosterChange(before, after);
        if (before.isEmpty() && after.isEmpty()) {
            return Mono.just(Optional.of(outcome));
        }
        Mono<AsyncResultSet> write;
        if (after.isEmpty()) {
            write = execute(delete.bind()
                .setString(OWNER, owner.toString())
                .setString(CONTACT, contact.toString())
                .setLong(PREVIOUS, read.version()));
        } else if (before.isPresent()) {
            write = execute(bind(update.bind(), owner, after.get())
                .setLong(VERSION, read.version() + 1)
                .setLong(PREVIOUS, read.version()));
        } else {
            write = checkRoom(owner).then(execute(bind(insert.bind(), owner, after.get()).setLong(VERSION, 0)));
        }
        return write.map(result -> result.wasApplied() ? Optional.of(outcome) : Optional.empty());
    }

    private Mono<Void> checkRoom(EntityBareJid owner) {
        return execute(count.bind().setString(OWNER, owner.toString()))
            .flatMap(result -> result.one().getLong(0) >= maxItems
                ? Mono.error(new RosterFullException(owner, maxItems))
                : Mono.empty());
    }

    private static BoundStatement bind(BoundStatement statement, EntityBareJid owner, RosterItem item) {
        return statement
            .setString(OWNER, owner.toString())
            .setString(CONTACT, item.jid().toString())
            .setString(NAME, item.name().orElse(null))
            .setList(GROUPS, item.groups(), String.class)
            .setString(SUBSCRIPTION, item.subscription().name())
            .setBoolean(ASK, item.askOut())
            .setBoolean(PENDING_IN, item.pendingIn())
            .setBoolean(LISTED, item.listed());
    }

    private static RosterItem item(Row row) {
        return new RosterItem(JidCreate.bareFromOrThrowUnchecked(row.getString(CONTACT)), Optional.ofNullable(row.getString(NAME)),
            row.getList(GROUPS, String.class), RosterItem.Subscription.valueOf(row.getString(SUBSCRIPTION)), row.getBoolean(ASK),
            row.getBoolean(PENDING_IN), row.getBoolean(LISTED));
    }

    /** Every page of a result, fetched as it is read. */
    private static Flux<Row> rows(AsyncResultSet result) {
        Flux<Row> page = Flux.fromIterable(result.currentPage());
        if (!result.hasMorePages()) {
            return page;
        }
        return page.concatWith(Mono.fromCompletionStage(result::fetchNextPage).flatMapMany(CassandraRosterStore::rows));
    }

    private Mono<AsyncResultSet> execute(BoundStatement statement) {
        return Mono.fromCompletionStage(() -> session.executeAsync(statement
            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)));
    }
}
