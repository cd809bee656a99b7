package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jamesxmpp.core.store.MemoryLateErrorStore;
import org.jamesxmpp.core.store.SentStanzaKey;
import org.jamesxmpp.testing.MutableClock;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingSendsTest {
    static final DomainPair PAIR = new DomainPair("james.test", "peer.test");
    static final String ROUTE = "xmpp-outgoing";
    static final StanzaErrorException NOT_FOUND = new StanzaErrorException(StanzaError.Condition.item_not_found,
        StanzaError.Type.CANCEL);
    static final LateErrorTicket TICKET = new LateErrorTicket(ROUTE, "mail-1", "bob@james.test", "alice@peer.test", 0,
        "Subject: Lunch?\r\n");

    MutableClock clock;
    LateErrorStore store;
    PendingSends testee;
    List<Map.Entry<LateErrorTicket, StanzaErrorException>> lateErrors;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-12-02T18:00:00Z"));
        store = new MemoryLateErrorStore(new LateErrorRetention(Duration.ofHours(1), 10), clock);
        testee = new PendingSends(store);
        lateErrors = new CopyOnWriteArrayList<>();
        testee.route(ROUTE, (ticket, error) -> lateErrors.add(Map.entry(ticket, error)));
    }

    PendingStanza stanza(String id, String to) {
        return new PendingStanza(PAIR, Optional.of(id), "bob@james.test", to, "<message/>", new CompletableFuture<>());
    }

    @Test
    void errorShouldFailThePendingSendWhenItCameBeforeTheAcknowledgement() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.of(TICKET));

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test/phone", NOT_FOUND)).isTrue();

        assertThat(stanza.delivery()).isCompletedExceptionally();
        assertThat(stanza.delivery().handle((any, error) -> ((DeliveryException) error).reason()).join())
            .isEqualTo(DeliveryException.Reason.STANZA_ERROR);
        assertThat(lateErrors).isEmpty();
        assertThat(store.take(SentStanzaKey.of("peer.test", "m1", "alice@peer.test")).blockOptional()).isEmpty();
    }

    @Test
    void errorShouldGoWithTheTicketToItsRouteOnceWhenItCameAfterTheAcknowledgement() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.of(TICKET));
        stanza.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "Alice@peer.test", NOT_FOUND)).isTrue();
        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();

        assertThat(lateErrors).containsExactly(Map.entry(TICKET, NOT_FOUND));
    }

    @Test
    void errorShouldBeMatchedByTheStoreAloneAsAfterARestart() {
        store.remember(SentStanzaKey.of("peer.test", "m1", "alice@peer.test"), TICKET).block();

        assertThat(new PendingSends(store).peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isTrue();
    }

    @Test
    void errorShouldReachTheRouteRegisteredAfterTheSendAsAfterARestart() {
        store.remember(SentStanzaKey.of("peer.test", "m1", "alice@peer.test"), TICKET).block();
        PendingSends restarted = new PendingSends(store);
        List<LateErrorTicket> told = new CopyOnWriteArrayList<>();
        restarted.route(ROUTE, (ticket, error) -> told.add(ticket));

        restarted.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND);

        assertThat(told).containsExactly(TICKET);
    }

    @Test
    void errorShouldConcernOnlyTheRecipientItComesFromWhenRecipientsShareTheId() {
        PendingStanza alice = stanza("m1", "alice@peer.test");
        PendingStanza carol = stanza("m1", "carol@peer.test");
        testee.track(alice, Optional.empty());
        testee.track(carol, Optional.empty());

        testee.peerError("peer.test", "m1", "carol@peer.test", NOT_FOUND);

        assertThat(carol.delivery()).isCompletedExceptionally();
        assertThat(alice.delivery()).isNotDone();
    }

    @Test
    void errorFromAnotherJidOrDomainShouldNotBeTaken() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.of(TICKET));
        stanza.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "mallory@peer.test", NOT_FOUND)).isFalse();
        assertThat(testee.peerError("other.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
        assertThat(lateErrors).isEmpty();
    }

    @Test
    void deliveredSendShouldBeForgottenAfterTheRetention() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.of(TICKET));
        stanza.delivery().complete(null);

        clock.advance(Duration.ofHours(2));

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
        assertThat(lateErrors).isEmpty();
    }

    @Test
    void failedSendShouldTakeNoLateError() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.of(TICKET));
        stanza.fail(DeliveryException.Reason.STREAM_BROKEN, "gone");

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
        assertThat(lateErrors).isEmpty();
    }

    @Test
    void deliveredSendWithoutTicketShouldLeaveTheErrorToTheInboundHandler() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.empty());
        stanza.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
    }

    @Test
    void lateErrorOfARouteNobodyTakesShouldStillBeOurs() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, Optional.of(new LateErrorTicket("elsewhere", "mail-1", "bob@james.test", "alice@peer.test", 0,
            "")));
        stanza.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isTrue();
        assertThat(lateErrors).isEmpty();
    }

    @Test
    void multicastShouldGiveEachRecipientItsOwnOutcomeAndLateErrors() {
        LateErrorTicket carolTicket = new LateErrorTicket(ROUTE, "mail-1", "bob@james.test", "carol@peer.test", 0,
            "Subject: Lunch?\r\n");
        LateErrorTicket daveTicket = new LateErrorTicket(ROUTE, "mail-1", "bob@james.test", "dave@peer.test", 0,
            "Subject: Lunch?\r\n");
        PendingStanza multicast = stanza("m1", "peer.test");
        Map<String, CompletableFuture<Void>> each = testee.trackMulticast(multicast, Map.of("alice@peer.test",
            Optional.of(TICKET), "carol@peer.test", Optional.of(carolTicket), "dave@peer.test", Optional.of(daveTicket)));

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isTrue();
        multicast.delivery().complete(null);
        assertThat(testee.peerError("peer.test", "m1", "carol@peer.test", NOT_FOUND)).isTrue();

        assertThat(each.get("alice@peer.test")).isCompletedExceptionally();
        assertThat(each.get("carol@peer.test")).isCompletedWithValue(null);
        assertThat(each.get("dave@peer.test")).isCompletedWithValue(null);
        assertThat(lateErrors).containsExactly(Map.entry(carolTicket, NOT_FOUND));
    }

    @Test
    void multicastShouldFailEveryRecipientWhenTheDomainRefusesItBeforeTheAcknowledgement() {
        PendingStanza multicast = stanza("m1", "peer.test");
        Map<String, CompletableFuture<Void>> each = testee.trackMulticast(multicast, Map.of("alice@peer.test",
            Optional.of(TICKET), "carol@peer.test", Optional.empty()));

        assertThat(testee.peerError("peer.test", "m1", "peer.test", NOT_FOUND)).isTrue();

        assertThat(each.values()).allSatisfy(outcome -> assertThat(outcome).isCompletedExceptionally());
        assertThat(lateErrors).isEmpty();
    }

    @Test
    void aLateErrorOfTheDomainForAWholeMulticastStanzaShouldGoWithEveryRecipientsTicket() {
        LateErrorTicket carolTicket = new LateErrorTicket(ROUTE, "mail-1", "bob@james.test", "carol@peer.test", 0,
            "Subject: Lunch?\r\n");
        PendingStanza multicast = stanza("m1", "peer.test");
        Map<String, CompletableFuture<Void>> each = testee.trackMulticast(multicast, Map.of("alice@peer.test",
            Optional.of(TICKET), "carol@peer.test", Optional.of(carolTicket)));
        multicast.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "peer.test", NOT_FOUND)).isTrue();
        assertThat(testee.peerError("peer.test", "m1", "peer.test", NOT_FOUND)).isFalse();

        assertThat(each.values()).allSatisfy(outcome -> assertThat(outcome).isCompletedWithValue(null));
        assertThat(lateErrors).containsExactlyInAnyOrder(Map.entry(TICKET, NOT_FOUND), Map.entry(carolTicket, NOT_FOUND));
    }

    @Test
    void anErrorOfTheDomainArrivingWhileTheAcknowledgementIsHandledShouldStillConcernEveryRecipient() {
        LateErrorTicket carolTicket = new LateErrorTicket(ROUTE, "mail-1", "bob@james.test", "carol@peer.test", 0,
            "Subject: Lunch?\r\n");
        PendingStanza multicast = stanza("m1", "peer.test");
        Map<String, CompletableFuture<Void>> each = testee.trackMulticast(multicast, Map.of("alice@peer.test",
            Optional.of(TICKET), "carol@peer.test", Optional.of(carolTicket)));
        List<Boolean> taken = new CopyOnWriteArrayList<>();
        multicast.delivery().thenRun(() -> taken.add(testee.peerError("peer.test", "m1", "peer.test", NOT_FOUND)));

        multicast.delivery().complete(null);

        assertThat(taken).containsExactly(true);
        for (LateErrorTicket ticket : List.of(TICKET, carolTicket)) {
            boolean failed = each.get(ticket.recipient()).isCompletedExceptionally();
            boolean toldLate = lateErrors.contains(Map.entry(ticket, NOT_FOUND));
            assertThat(failed ^ toldLate).as(ticket.recipient() + " failed or told late, once").isTrue();
        }
    }
}
