package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What every {@link InboundDedupStore} implementation must do; implemented once per backend. */
public interface InboundDedupStoreContract {
    Duration WINDOW = Duration.ofMinutes(10);
    DedupKey KEY = new DedupKey("alice@a.test", "origin-1");

    InboundDedupStore testee();

    /** Moves the store's clock forward. */
    void advanceClock(Duration duration);

    @Test
    default void unknownKeyShouldNotBeKnown() {
        assertThat(testee().isKnown(KEY).block()).isFalse();
    }

    @Test
    default void rememberedKeyShouldBeKnown() {
        testee().remember(KEY).block();

        assertThat(testee().isKnown(KEY).block()).isTrue();
    }

    @Test
    default void sameIdFromAnotherSenderShouldNotBeKnown() {
        testee().remember(KEY).block();

        assertThat(testee().isKnown(new DedupKey("mallory@b.test", "origin-1")).block()).isFalse();
    }

    @Test
    default void keyShouldBeForgottenAfterTheWindow() {
        testee().remember(KEY).block();

        advanceClock(WINDOW.plusSeconds(1));

        assertThat(testee().isKnown(KEY).block()).isFalse();
    }

    @Test
    default void keyShouldStillBeKnownWithinTheWindow() {
        testee().remember(KEY).block();

        advanceClock(WINDOW.minusSeconds(1));

        assertThat(testee().isKnown(KEY).block()).isTrue();
    }
}
