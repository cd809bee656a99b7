package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.jamesxmpp.core.store.RosterItem.Subscription;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** What every {@link RosterStore} implementation must do; implemented once per backend. */
public interface RosterStoreContract {
    int MAX_ITEMS = 5;
    EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@james.test");
    EntityBareJid CAROL = JidCreate.entityBareFromOrThrowUnchecked("carol@james.test");
    BareJid ALICE = JidCreate.entityBareFromOrThrowUnchecked("alice@a.test");
    RosterItem ALICE_ITEM = new RosterItem(ALICE, Optional.of("Alice"), ImmutableList.of("Friends", "Work"),
        Subscription.TO, true, false, true);

    /** A store built with {@link #MAX_ITEMS}. */
    RosterStore testee();

    static BareJid contact(int i) {
        return JidCreate.entityBareFromOrThrowUnchecked("contact" + i + "@a.test");
    }

    @Test
    default void rosterOfAnUnknownUserShouldBeEmpty() {
        assertThat(testee().items(BOB).block()).isEmpty();
        assertThat(testee().item(BOB, ALICE).blockOptional()).isEmpty();
    }

    @Test
    default void updatedItemShouldBeRead() {
        RosterStore.RosterChange change = testee().update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();

        assertThat(change).isEqualTo(new RosterStore.RosterChange(Optional.empty(), Optional.of(ALICE_ITEM)));
        assertThat(testee().item(BOB, ALICE).block()).isEqualTo(ALICE_ITEM);
        assertThat(testee().items(BOB).block()).containsExactly(ALICE_ITEM);
    }

    @Test
    default void rostersShouldBeApartPerUser() {
        testee().update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();

        assertThat(testee().items(CAROL).block()).isEmpty();
    }

    @Test
    default void updateShouldSeeTheItemBefore() {
        testee().update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();

        RosterStore.RosterChange change = testee().update(BOB, ALICE,
            before -> before.map(item -> item.withSubscription(Subscription.BOTH).withAskOut(false))).block();

        RosterItem expected = ALICE_ITEM.withSubscription(Subscription.BOTH).withAskOut(false);
        assertThat(change.before()).contains(ALICE_ITEM);
        assertThat(change.after()).contains(expected);
        assertThat(testee().item(BOB, ALICE).block()).isEqualTo(expected);
    }

    @Test
    default void emptyOutcomeShouldRemoveTheItem() {
        testee().update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block();

        testee().update(BOB, ALICE, any -> Optional.empty()).block();

        assertThat(testee().items(BOB).block()).isEmpty();
    }

    @Test
    default void itemWithNothingToRememberShouldNotBeKept() {
        RosterStore.RosterChange change = testee().update(BOB, ALICE,
            any -> Optional.of(RosterItem.requestOnly(ALICE).withPendingIn(false))).block();

        assertThat(change.after()).isEmpty();
        assertThat(testee().items(BOB).block()).isEmpty();
    }

    @Test
    default void unlistedRequestShouldBeKept() {
        testee().update(BOB, ALICE, any -> Optional.of(RosterItem.requestOnly(ALICE))).block();

        assertThat(testee().item(BOB, ALICE).block()).isEqualTo(RosterItem.requestOnly(ALICE));
    }

    @Test
    default void itemWithoutNameOrGroupsAndTheLargestOneShouldRoundTrip() {
        BareJid largeJid = JidCreate.entityBareFromOrThrowUnchecked("l".repeat(1023) + "@" + "d".repeat(60) + ".test");
        RosterItem large = new RosterItem(largeJid, Optional.of("é".repeat(RosterItem.MAX_NAME_LENGTH)),
            IntStream.range(0, RosterItem.MAX_GROUPS).mapToObj(i -> i + "g".repeat(RosterItem.MAX_GROUP_LENGTH - 2))
                .collect(ImmutableList.toImmutableList()),
            Subscription.FROM, false, true, true);
        RosterItem bare = RosterItem.listed(ALICE);
        testee().update(BOB, largeJid, any -> Optional.of(large)).block();
        testee().update(BOB, ALICE, any -> Optional.of(bare)).block();

        assertThat(testee().item(BOB, largeJid).block()).isEqualTo(large);
        assertThat(testee().item(BOB, ALICE).block()).isEqualTo(bare);
    }

    @Test
    default void newItemBeyondTheMaximumShouldFail() {
        for (int i = 0; i < MAX_ITEMS; i++) {
            BareJid contact = contact(i);
            testee().update(BOB, contact, any -> Optional.of(RosterItem.listed(contact))).block();
        }

        assertThatThrownBy(() -> testee().update(BOB, ALICE, any -> Optional.of(ALICE_ITEM)).block())
            .isInstanceOf(RosterStore.RosterFullException.class);
        assertThat(testee().items(BOB).block()).hasSize(MAX_ITEMS);
        assertThat(testee().update(BOB, contact(0), any -> Optional.of(RosterItem.listed(contact(0)).withAskOut(true))).block()
            .after()).as("an item there already can change").isPresent();
        assertThat(testee().items(CAROL).block()).isEmpty();
    }

    @Test
    default void concurrentUpdatesOfOneItemShouldAllApply() {
        testee().update(BOB, ALICE, any -> Optional.of(RosterItem.listed(ALICE))).block();

        List<RosterStore.RosterChange> changes = Flux.range(0, 8)
            .parallel(4)
            .runOn(Schedulers.parallel())
            .flatMap(i -> testee().update(BOB, ALICE, before -> before.map(item ->
                item.withNameAndGroups(Optional.of(item.name().orElse("") + "x"), item.groups()))))
            .sequential()
            .collectList()
            .block();

        assertThat(changes).hasSize(8);
        assertThat(testee().item(BOB, ALICE).block().name()).contains("xxxxxxxx");
    }
}
