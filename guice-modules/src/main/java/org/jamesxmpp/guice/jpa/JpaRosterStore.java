package org.jamesxmpp.guice.jpa;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.persistence.EntityManagerFactory;

import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.core.store.RosterStore;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.base.Joiner;
import com.google.common.base.Preconditions;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The rosters of the persistent single node, in the database of James's JPA stores (table {@value #TABLE}): a row per
 * item, keyed by the digest of owner and contact (a JID may be longer than a database index allows). An update is
 * optimistic: it writes only if the row's {@code version} is still the one it read (or, for a new item, if no row
 * was inserted meanwhile), else it runs again on what the other writer left.
 *
 * <p>Blocking: callers get a {@link Mono} that runs on the bounded elastic scheduler, never on their thread.
 */
public class JpaRosterStore implements RosterStore {
    public static final String TABLE = "XMPP_ROSTER";
    private static final int MAX_JID_LENGTH = 2047;
    private static final int ATTEMPTS = 100;
    private static final String COLUMNS = "contact, name, groups, subscription, ask, pending_in, listed";

    private final JpaConnections connections;
    private final int maxItems;

    public JpaRosterStore(EntityManagerFactory entityManagerFactory, int maxItems) {
        Preconditions.checkArgument(maxItems > 0, "maxItems must be positive: %s", maxItems);
        this.connections = new JpaConnections(entityManagerFactory, TABLE);
        this.maxItems = maxItems;
        connections.createTableIfMissing("digest VARCHAR(64) NOT NULL PRIMARY KEY, owner_digest VARCHAR(64) NOT NULL, "
                + "contact VARCHAR(" + MAX_JID_LENGTH + ") NOT NULL, "
                + "name VARCHAR(" + RosterItem.MAX_NAME_LENGTH + "), "
                + "groups VARCHAR(" + RosterItem.MAX_GROUPS * (RosterItem.MAX_GROUP_LENGTH + 1) + ") NOT NULL, "
                + "subscription VARCHAR(4) NOT NULL, ask SMALLINT NOT NULL, pending_in SMALLINT NOT NULL, "
                + "listed SMALLINT NOT NULL, version BIGINT NOT NULL",
            List.of("CREATE INDEX " + TABLE + "_OWNER ON " + TABLE + " (owner_digest)"));
    }

    @Override
    public Mono<List<RosterItem>> items(EntityBareJid owner) {
        return Mono.fromCallable(() -> connections.inTransaction(connection -> items(connection, owner)))
            .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<RosterItem> item(EntityBareJid owner, BareJid contact) {
        return Mono.fromCallable(() -> connections.inTransaction(connection -> read(connection, digest(owner, contact)))
                .orElse(null))
            .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<RosterChange> update(EntityBareJid owner, BareJid contact, UnaryOperator<Optional<RosterItem>> change) {
        return Mono.fromCallable(() -> {
            for (int attempt = 1; ; attempt++) {
                Optional<RosterChange> done = connections.inTransaction(connection -> update(connection, owner, contact, change));
                if (done.isPresent() || attempt == ATTEMPTS) {
                    return done.orElseThrow(() -> new IllegalStateException("roster item of " + owner + " kept changing"));
                }
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Empty when another writer changed the item since it was read (then the caller runs again). */
    private Optional<RosterChange> update(Connection connection, EntityBareJid owner, BareJid contact,
                                          UnaryOperator<Optional<RosterItem>> change) throws SQLException {
        String digest = digest(owner, contact);
        Optional<Versioned> read = readVersioned(connection, digest);
        Optional<RosterItem> before = read.map(Versioned::item);
        Optional<RosterItem> after = RosterStore.kept(change.apply(before));
        after.ifPresent(item -> Preconditions.checkArgument(item.jid().equals(contact), "item for %s, not %s", item.jid(), contact));
        RosterChange outcome = new RosterChange(before, after);
        if (before.isPresent() && after.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                    + " WHERE digest = ? AND version = ?")) {
                delete.setString(1, digest);
                delete.setLong(2, read.get().version());
                if (delete.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
        } else if (before.isPresent()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET name = ?, groups = ?, "
                    + "subscription = ?, ask = ?, pending_in = ?, listed = ?, version = ? WHERE digest = ? AND version = ?")) {
                bind(update, 1, after.get());
                update.setLong(7, read.get().version() + 1);
                update.setString(8, digest);
                update.setLong(9, read.get().version());
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
        } else if (after.isPresent()) {
            if (count(connection, owner) >= maxItems) {
                throw new RosterFullException(owner, maxItems);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (digest, owner_digest, "
                    + COLUMNS + ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                insert.setString(1, digest);
                insert.setString(2, ownerDigest(owner));
                insert.setString(3, contact.toString());
                bind(insert, 4, after.get());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (JpaConnections.isIntegrityViolation(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        }
        return Optional.of(outcome);
    }

    private static void bind(PreparedStatement statement, int first, RosterItem item) throws SQLException {
        statement.setString(first, item.name().orElse(null));
        statement.setString(first + 1, Joiner.on('\n').join(item.groups()));
        statement.setString(first + 2, item.subscription().name());
        statement.setShort(first + 3, flag(item.askOut()));
        statement.setShort(first + 4, flag(item.pendingIn()));
        statement.setShort(first + 5, flag(item.listed()));
    }

    private static short flag(boolean value) {
        return (short) (value ? 1 : 0);
    }

    private static List<RosterItem> items(Connection connection, EntityBareJid owner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE owner_digest = ?")) {
            select.setString(1, ownerDigest(owner));
            try (ResultSet result = select.executeQuery()) {
                ImmutableList.Builder<RosterItem> items = ImmutableList.builder();
                while (result.next()) {
                    items.add(item(result));
                }
                return items.build();
            }
        }
    }

    private record Versioned(RosterItem item, long version) {
    }

    private static Optional<RosterItem> read(Connection connection, String digest) throws SQLException {
        return readVersioned(connection, digest).map(Versioned::item);
    }

    private static Optional<Versioned> readVersioned(Connection connection, String digest) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", version FROM " + TABLE
                + " WHERE digest = ?")) {
            select.setString(1, digest);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(new Versioned(item(result), result.getLong(8))) : Optional.empty();
            }
        }
    }

    private static RosterItem item(ResultSet result) throws SQLException {
        String groups = result.getString(3);
        return new RosterItem(JidCreate.bareFromOrThrowUnchecked(result.getString(1)), Optional.ofNullable(result.getString(2)),
            groups.isEmpty() ? ImmutableList.of() : Splitter.on('\n').splitToList(groups),
            RosterItem.Subscription.valueOf(result.getString(4)), result.getShort(5) != 0, result.getShort(6) != 0,
            result.getShort(7) != 0);
    }

    private static long count(Connection connection, EntityBareJid owner) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE owner_digest = ?")) {
            count.setString(1, ownerDigest(owner));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static String ownerDigest(EntityBareJid owner) {
        return Hashing.sha256().hashString(owner.toString(), StandardCharsets.UTF_8).toString();
    }

    private static String digest(EntityBareJid owner, BareJid contact) {
        return Hashing.sha256().hashString(owner + "\n" + contact, StandardCharsets.UTF_8).toString();
    }
}
