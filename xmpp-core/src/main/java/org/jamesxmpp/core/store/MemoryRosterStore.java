package org.jamesxmpp.core.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import reactor.core.publisher.Mono;

/** One node's memory, lost at a restart: each user's roster is an immutable map replaced atomically. */
public class MemoryRosterStore implements RosterStore {
    private final int maxItems;
    private final Map<EntityBareJid, Map<BareJid, RosterItem>> rosters = new ConcurrentHashMap<>();

    public MemoryRosterStore(int maxItems) {
        Preconditions.checkArgument(maxItems > 0, "maxItems must be positive: %s", maxItems);
        this.maxItems = maxItems;
    }

    @Override
    public Mono<List<RosterItem>> items(EntityBareJid owner) {
        return Mono.fromCallable(() -> ImmutableList.copyOf(rosters.getOrDefault(owner, ImmutableMap.of()).values()));
    }

    @Override
    public Mono<RosterItem> item(EntityBareJid owner, BareJid contact) {
        return Mono.fromCallable(() -> rosters.getOrDefault(owner, ImmutableMap.of()).get(contact));
    }

    @Override
    public Mono<RosterChange> update(EntityBareJid owner, BareJid contact, UnaryOperator<Optional<RosterItem>> change) {
        return Mono.fromCallable(() -> {
            RosterChange[] outcome = new RosterChange[1];
            rosters.compute(owner, (user, roster) -> {
                Map<BareJid, RosterItem> current = roster == null ? ImmutableMap.of() : roster;
                Optional<RosterItem> before = Optional.ofNullable(current.get(contact));
                Optional<RosterItem> after = RosterStore.kept(change.apply(before));
                after.ifPresent(item -> Preconditions.checkArgument(item.jid().equals(contact), "item for %s, not %s",
                    item.jid(), contact));
                if (before.isEmpty() && after.isPresent() && current.size() >= maxItems) {
                    throw new RosterFullException(owner, maxItems);
                }
                outcome[0] = new RosterChange(before, after);
                Map<BareJid, RosterItem> next = new HashMap<>(current);
                after.ifPresentOrElse(item -> next.put(contact, item), () -> next.remove(contact));
                return next.isEmpty() ? null : ImmutableMap.copyOf(next);
            });
            return outcome[0];
        });
    }
}
