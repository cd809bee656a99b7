package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** What every {@link InboundDedupStore} implementation must do; implemented once per backend. */
public interface InboundDedupStoreContract {
    Duration WINDOW = Duration.ofMinutes(10);
    String CONTENT = "c0ffee";
    DedupKey KEY = DedupKey.of("alice@a.test", "bob@james.test", "origin-1", CONTENT);

    InboundDedupStore testee();

    /** Moves the store's clock forward. */
    void advanceClock(Duration duration);

    /** The window the testee was built with. */
    default Duration window() {
        return WINDOW;
    }

    /** How near the end of the window the tests go; a store counting time in whole seconds needs more room. */
    default Duration precision() {
        return Duration.ofSeconds(1);
    }

    @Test
    default void firstClaimShouldSucceed() {
        assertThat(testee().claim(KEY).block()).isTrue();
    }

    @Test
    default void secondClaimShouldBeADuplicate() {
        testee().claim(KEY).block();

        assertThat(testee().claim(KEY).block()).isFalse();
    }

    @Test
    default void sameIdFromAnotherSenderShouldNotBeADuplicate() {
        testee().claim(KEY).block();

        assertThat(testee().claim(DedupKey.of("mallory@b.test", "bob@james.test", "origin-1", CONTENT)).block()).isTrue();
    }

    @Test
    default void sameIdToAnotherRecipientShouldNotBeADuplicate() {
        testee().claim(KEY).block();

        assertThat(testee().claim(DedupKey.of("alice@a.test", "warm@james.test", "origin-1", CONTENT)).block()).isTrue();
    }

    @Test
    default void sameIdWithOtherContentShouldNotBeADuplicate() {
        testee().claim(KEY).block();

        assertThat(testee().claim(DedupKey.of("alice@a.test", "bob@james.test", "origin-1", "other")).block()).isTrue();
    }

    @Test
    default void jidsShouldBeComparedWithoutCase() {
        testee().claim(KEY).block();

        assertThat(testee().claim(DedupKey.of("Alice@A.test", "BOB@james.test", "origin-1", CONTENT)).block()).isFalse();
    }

    @Test
    default void overlongIdShouldBeKeptAsItsDigestAndStillMatch() {
        String id = "x".repeat(100_000);
        DedupKey key = DedupKey.of("alice@a.test", "bob@james.test", id, CONTENT);
        testee().claim(key).block();

        assertThat(key.stanzaId().length()).isLessThanOrEqualTo(DedupKey.MAX_ID_LENGTH);
        assertThat(testee().claim(DedupKey.of("alice@a.test", "bob@james.test", id, CONTENT)).block()).isFalse();
        assertThat(testee().claim(DedupKey.of("alice@a.test", "bob@james.test", id + "y", CONTENT)).block()).isTrue();
    }

    @Test
    default void releasedClaimShouldBeClaimableAgain() {
        testee().claim(KEY).block();

        testee().release(KEY).block();

        assertThat(testee().claim(KEY).block()).isTrue();
    }

    @Test
    default void claimShouldExpireAfterTheWindow() {
        testee().claim(KEY).block();

        advanceClock(window().plus(precision()));

        assertThat(testee().claim(KEY).block()).isTrue();
    }

    @Test
    default void claimShouldHoldWithinTheWindow() {
        testee().claim(KEY).block();

        advanceClock(window().minus(precision()));

        assertThat(testee().claim(KEY).block()).isFalse();
    }

    @Test
    default void concurrentClaimsShouldHaveExactlyOneWinner() {
        List<Boolean> outcomes = Flux.fromStream(IntStream.range(0, 16).boxed())
            .parallel(8)
            .runOn(Schedulers.parallel())
            .flatMap(any -> testee().claim(KEY))
            .sequential()
            .collectList()
            .block();

        assertThat(outcomes).containsOnlyOnce(true).hasSize(16);
    }
}
