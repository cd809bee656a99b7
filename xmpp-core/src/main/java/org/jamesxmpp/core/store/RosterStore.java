package org.jamesxmpp.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;

import reactor.core.publisher.Mono;

/**
 * The rosters of the local users (RFC 6121 2): at most {@code maxItems} items per user (the store is built with it),
 * listed or not. Changes are atomic per item, so a subscription answer arriving from a peer and a roster set of the
 * user's client never lose each other's update.
 */
public interface RosterStore {
    /** Every item of {@code owner}'s roster, listed or not, in no particular order. */
    Mono<List<RosterItem>> items(EntityBareJid owner);

    /** The item for {@code contact}; empty when there is none. */
    Mono<RosterItem> item(EntityBareJid owner, BareJid contact);

    /**
     * Replaces the item for {@code contact} with {@code change} applied to it (empty: there is none; an empty or
     * {@link RosterItem#isEmpty() empty} result removes it), atomically. Fails with {@link RosterFullException} when
     * a new item would exceed the maximum; the change's item must be for {@code contact}.
     */
    Mono<RosterChange> update(EntityBareJid owner, BareJid contact, UnaryOperator<Optional<RosterItem>> change);

    /** What an update found and left. */
    record RosterChange(Optional<RosterItem> before, Optional<RosterItem> after) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** The user's roster holds the maximum number of items already. */
    final class RosterFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RosterFullException(EntityBareJid owner, int maxItems) {
            super("the roster of " + owner + " holds " + maxItems + " items already");
        }
    }

    /** The outcome as the store keeps it: an empty item is no item. */
    static Optional<RosterItem> kept(Optional<RosterItem> changed) {
        return changed.filter(item -> !item.isEmpty());
    }
}
