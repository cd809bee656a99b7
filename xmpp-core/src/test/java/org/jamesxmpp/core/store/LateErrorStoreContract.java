package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** What every {@link LateErrorStore} implementation must do; implemented once per backend (see also {@link BoundedLateErrorStoreContract}). */
public interface LateErrorStoreContract {
    Duration RETENTION = Duration.ofHours(1);
    int MAX_ENTRIES = 10;
    LateErrorRetention SETTINGS = new LateErrorRetention(RETENTION, MAX_ENTRIES);
    SentStanzaKey KEY = SentStanzaKey.of("peer.test", "m1@james.test", "alice@peer.test");
    LateErrorTicket TICKET = new LateErrorTicket("xmpp-outgoing", "mail-1-to-peer.test", "bob@james.test",
        "alice@peer.test", 2, "Message-ID: <m1@james.test>\r\nSubject: Lunch?\r\n");

    /** A store built with {@link #settings()}. */
    LateErrorStore testee();

    /** The retention the testee was built with; a store counting time in whole seconds on its own clock needs less. */
    default LateErrorRetention settings() {
        return SETTINGS;
    }

    /** Moves the store's clock forward. */
    void advanceClock(Duration duration);

    /** How near the end of the retention the tests go. */
    default Duration precision() {
        return Duration.ofSeconds(1);
    }

    @Test
    default void rememberedTicketShouldBeTakenBack() {
        testee().remember(KEY, TICKET).block();

        assertThat(testee().take(KEY).block()).isEqualTo(TICKET);
    }

    @Test
    default void ticketShouldBeTakenOnlyOnce() {
        testee().remember(KEY, TICKET).block();
        testee().take(KEY).block();

        assertThat(testee().take(KEY).blockOptional()).isEmpty();
    }

    @Test
    default void unknownKeyShouldTakeNothing() {
        assertThat(testee().take(KEY).blockOptional()).isEmpty();
    }

    @Test
    default void keyShouldMatchWithoutCaseAndResource() {
        testee().remember(KEY, TICKET).block();

        assertThat(testee().take(SentStanzaKey.of("PEER.test", "m1@james.test", "Alice@Peer.test/phone")).block())
            .isEqualTo(TICKET);
    }

    @Test
    default void sameIdFromAnotherRecipientOrDomainShouldNotMatch() {
        testee().remember(KEY, TICKET).block();

        assertThat(testee().take(SentStanzaKey.of("peer.test", "m1@james.test", "carol@peer.test")).blockOptional()).isEmpty();
        assertThat(testee().take(SentStanzaKey.of("other.test", "m1@james.test", "alice@peer.test")).blockOptional()).isEmpty();
        assertThat(testee().take(SentStanzaKey.of("peer.test", "M1@james.test", "alice@peer.test")).blockOptional())
            .as("stanza ids are case-sensitive").isEmpty();
        assertThat(testee().take(KEY).block()).isEqualTo(TICKET);
    }

    @Test
    default void recipientsSharingAnIdShouldHaveATicketEach() {
        SentStanzaKey carol = SentStanzaKey.of("peer.test", "m1@james.test", "carol@peer.test");
        LateErrorTicket carolTicket = new LateErrorTicket("xmpp-outgoing", "mail-1-to-peer.test", "bob@james.test",
            "carol@peer.test", 0, "");
        testee().remember(KEY, TICKET).block();
        testee().remember(carol, carolTicket).block();

        assertThat(testee().take(carol).block()).isEqualTo(carolTicket);
        assertThat(testee().take(KEY).block()).isEqualTo(TICKET);
    }

    @Test
    default void rememberingAgainShouldReplaceTheTicket() {
        LateErrorTicket retried = new LateErrorTicket("xmpp-outgoing", "mail-1-to-peer.test", "bob@james.test",
            "alice@peer.test", 3, "");
        testee().remember(KEY, TICKET).block();
        testee().remember(KEY, retried).block();

        assertThat(testee().take(KEY).block()).isEqualTo(retried);
        assertThat(testee().take(KEY).blockOptional()).isEmpty();
    }

    @Test
    default void overlongIdShouldBeKeptAsItsDigestAndStillMatch() {
        String id = "x".repeat(100_000);
        testee().remember(SentStanzaKey.of("peer.test", id, "alice@peer.test"), TICKET).block();

        assertThat(testee().take(SentStanzaKey.of("peer.test", id + "y", "alice@peer.test")).blockOptional()).isEmpty();
        assertThat(testee().take(SentStanzaKey.of("peer.test", id, "alice@peer.test")).block()).isEqualTo(TICKET);
    }

    @Test
    default void ticketOfTheLargestSizeShouldBeKeptWhole() {
        LateErrorTicket largest = new LateErrorTicket("r".repeat(LateErrorTicket.MAX_ROUTE_LENGTH),
            "n".repeat(LateErrorTicket.MAX_NAME_LENGTH), "s".repeat(LateErrorTicket.MAX_ADDRESS_LENGTH),
            "é".repeat(LateErrorTicket.MAX_ADDRESS_LENGTH), Integer.MAX_VALUE, "h€".repeat(LateErrorTicket.MAX_HEADERS_LENGTH / 2));
        SentStanzaKey key = SentStanzaKey.of("d".repeat(SentStanzaKey.MAX_JID_LENGTH), "i".repeat(SentStanzaKey.MAX_ID_LENGTH),
            "j".repeat(SentStanzaKey.MAX_JID_LENGTH));
        testee().remember(key, largest).block();

        assertThat(testee().take(key).block()).isEqualTo(largest);
    }

    @Test
    default void ticketShouldHoldWithinTheRetention() {
        testee().remember(KEY, TICKET).block();

        advanceClock(settings().retention().minus(precision()));

        assertThat(testee().take(KEY).block()).isEqualTo(TICKET);
    }

    @Test
    default void ticketShouldExpireAfterTheRetention() {
        testee().remember(KEY, TICKET).block();

        advanceClock(settings().retention().plus(precision()));

        assertThat(testee().take(KEY).blockOptional()).isEmpty();
    }

    @Test
    default void concurrentTakesShouldHaveExactlyOneWinner() {
        testee().remember(KEY, TICKET).block();

        List<LateErrorTicket> taken = Flux.fromStream(IntStream.range(0, 16).boxed())
            .parallel(8)
            .runOn(Schedulers.parallel())
            .flatMap(any -> testee().take(KEY))
            .sequential()
            .collectList()
            .block();

        assertThat(taken).containsExactly(TICKET);
    }
}
