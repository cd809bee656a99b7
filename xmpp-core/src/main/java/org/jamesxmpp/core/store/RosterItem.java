package org.jamesxmpp.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.BareJid;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * One contact of a user's roster (RFC 6121 2.1.2), with what the server must remember of the subscriptions (RFC 6121
 * 3): the state both ways, our user's request still unanswered ({@code askOut}, shown as {@code ask='subscribe'}) and
 * the contact's request our user has not answered yet ({@code pendingIn}). An item that only remembers such a request
 * is not {@code listed}: RFC 6121 3.1.3 forbids adding the requester to the roster before the user approves.
 */
public record RosterItem(BareJid jid,
                         Optional<String> name,
                         List<String> groups,
                         Subscription subscription,
                         boolean askOut,
                         boolean pendingIn,
                         boolean listed) {
    public static final int MAX_NAME_LENGTH = 1023;
    public static final int MAX_GROUP_LENGTH = 255;
    public static final int MAX_GROUPS = 16;

    public enum Subscription {
        NONE, TO, FROM, BOTH;

        public boolean hasTo() {
            return this == TO || this == BOTH;
        }

        public boolean hasFrom() {
            return this == FROM || this == BOTH;
        }

        public Subscription withTo(boolean to) {
            return of(to, hasFrom());
        }

        public Subscription withFrom(boolean from) {
            return of(hasTo(), from);
        }

        private static Subscription of(boolean to, boolean from) {
            if (to) {
                return from ? BOTH : TO;
            }
            return from ? FROM : NONE;
        }
    }

    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subscription, "subscription");
        groups = ImmutableList.copyOf(groups);
        Preconditions.checkArgument(name.map(String::length).orElse(0) <= MAX_NAME_LENGTH, "name longer than %s", MAX_NAME_LENGTH);
        Preconditions.checkArgument(groups.size() <= MAX_GROUPS, "more than %s groups", MAX_GROUPS);
        Preconditions.checkArgument(groups.stream().allMatch(group -> !group.isEmpty() && group.length() <= MAX_GROUP_LENGTH
            && group.indexOf('\n') < 0), "a group is empty, longer than %s or holds a line break", MAX_GROUP_LENGTH);
    }

    /** A contact the user adds (roster set, or a subscription request the user sends). */
    public static RosterItem listed(BareJid jid) {
        return new RosterItem(jid, Optional.empty(), ImmutableList.of(), Subscription.NONE, false, false, true);
    }

    /** Someone who asked to see the user's presence and is not on the roster. */
    public static RosterItem requestOnly(BareJid jid) {
        return new RosterItem(jid, Optional.empty(), ImmutableList.of(), Subscription.NONE, false, true, false);
    }

    public RosterItem withNameAndGroups(Optional<String> newName, List<String> newGroups) {
        return new RosterItem(jid, newName, newGroups, subscription, askOut, pendingIn, true);
    }

    public RosterItem withSubscription(Subscription newSubscription) {
        return new RosterItem(jid, name, groups, newSubscription, askOut, pendingIn, listed);
    }

    public RosterItem withAskOut(boolean newAskOut) {
        return new RosterItem(jid, name, groups, subscription, newAskOut, pendingIn, listed);
    }

    public RosterItem withPendingIn(boolean newPendingIn) {
        return new RosterItem(jid, name, groups, subscription, askOut, newPendingIn, listed);
    }

    public RosterItem asListed() {
        return new RosterItem(jid, name, groups, subscription, askOut, pendingIn, true);
    }

    /** Whether anything is left to remember: an unlisted item without a pending request is nothing. */
    public boolean isEmpty() {
        return !listed && !pendingIn && subscription == Subscription.NONE && !askOut;
    }
}
