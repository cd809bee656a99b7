package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.testing.MutableClock;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingSendsTest {
    static final DomainPair PAIR = new DomainPair("james.test", "peer.test");
    static final StanzaErrorException NOT_FOUND = new StanzaErrorException(StanzaError.Condition.item_not_found,
        StanzaError.Type.CANCEL);

    MutableClock clock;
    PendingSends testee;
    List<StanzaErrorException> lateErrors;
    AtomicInteger released;
    LateErrorListener listener;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-12-02T18:00:00Z"));
        testee = new PendingSends(clock, Duration.ofHours(1), 10);
        lateErrors = new CopyOnWriteArrayList<>();
        released = new AtomicInteger();
        listener = new LateErrorListener() {
            @Override
            public void lateError(StanzaErrorException error) {
                lateErrors.add(error);
            }

            @Override
            public void released() {
                released.incrementAndGet();
            }
        };
    }

    PendingStanza stanza(String id, String to) {
        return new PendingStanza(PAIR, Optional.of(id), "bob@james.test", to, "<message/>", new CompletableFuture<>());
    }

    @Test
    void errorShouldFailThePendingSendWhenItCameBeforeTheAcknowledgement() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, listener);

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test/phone", NOT_FOUND)).isTrue();

        assertThat(stanza.delivery()).isCompletedExceptionally();
        assertThat(stanza.delivery().handle((any, error) -> ((DeliveryException) error).reason()).join())
            .isEqualTo(DeliveryException.Reason.STANZA_ERROR);
        assertThat(lateErrors).isEmpty();
        assertThat(released).hasValue(1);
    }

    @Test
    void errorShouldGoToTheListenerOnceWhenItCameAfterTheAcknowledgement() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, listener);
        stanza.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "Alice@peer.test", NOT_FOUND)).isTrue();
        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();

        assertThat(lateErrors).containsExactly(NOT_FOUND);
        assertThat(released).hasValue(1);
    }

    @Test
    void errorShouldConcernOnlyTheRecipientItComesFromWhenRecipientsShareTheId() {
        PendingStanza alice = stanza("m1", "alice@peer.test");
        PendingStanza carol = stanza("m1", "carol@peer.test");
        testee.track(alice, LateErrorListener.NONE);
        testee.track(carol, LateErrorListener.NONE);

        testee.peerError("peer.test", "m1", "carol@peer.test", NOT_FOUND);

        assertThat(carol.delivery()).isCompletedExceptionally();
        assertThat(alice.delivery()).isNotDone();
    }

    @Test
    void errorFromAnotherJidOrDomainShouldNotBeTaken() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, listener);
        stanza.delivery().complete(null);

        assertThat(testee.peerError("peer.test", "m1", "mallory@peer.test", NOT_FOUND)).isFalse();
        assertThat(testee.peerError("other.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
        assertThat(lateErrors).isEmpty();
    }

    @Test
    void deliveredSendShouldBeForgottenAndReleasedAfterTheRetention() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, listener);
        stanza.delivery().complete(null);

        clock.advance(Duration.ofHours(2));

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
        assertThat(testee.deliveredTracked()).isZero();
        assertThat(lateErrors).isEmpty();
        assertThat(released).hasValue(1);
    }

    @Test
    void failedSendShouldBeReleasedAndTakeNoLateError() {
        PendingStanza stanza = stanza("m1", "alice@peer.test");
        testee.track(stanza, listener);
        stanza.fail(DeliveryException.Reason.STREAM_BROKEN, "gone");

        assertThat(testee.peerError("peer.test", "m1", "alice@peer.test", NOT_FOUND)).isFalse();
        assertThat(released).hasValue(1);
    }

    @Test
    void registryShouldKeepAtMostItsBoundOfDeliveredSends() {
        for (int i = 0; i < 25; i++) {
            PendingStanza stanza = stanza("m" + i, "alice@peer.test");
            testee.track(stanza, listener);
            stanza.delivery().complete(null);
        }

        assertThat(testee.deliveredTracked()).isLessThanOrEqualTo(10);
        assertThat(released.get()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void sendWithoutIdShouldBeReleasedAtOnce() {
        testee.track(new PendingStanza(PAIR, Optional.empty(), "bob@james.test", "alice@peer.test", "<message/>",
            new CompletableFuture<>()), listener);

        assertThat(released).hasValue(1);
    }
}
