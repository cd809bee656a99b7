package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What every {@link DeliveryLedger} implementation must do; implemented once per backend. */
public interface DeliveryLedgerContract {
    Duration WINDOW = Duration.ofDays(7);
    Instant FIRST = Instant.parse("2026-12-03T10:00:00Z");
    String KEY = DeliveryLedger.keyOf("Mail1764756000000-1", "bob@james.test");

    DeliveryLedger testee();

    @Test
    default void firstAttemptShouldFindNoEarlierOne() {
        assertThat(testee().recordAttempt(KEY, FIRST, WINDOW)).isEmpty();
    }

    @Test
    default void secondAttemptShouldFindWhenTheFirstWas() {
        testee().recordAttempt(KEY, FIRST, WINDOW);

        assertThat(testee().recordAttempt(KEY, FIRST.plusSeconds(30), WINDOW)).contains(FIRST);
    }

    @Test
    default void laterAttemptsShouldKeepTheFirstOne() {
        testee().recordAttempt(KEY, FIRST, WINDOW);
        testee().recordAttempt(KEY, FIRST.plusSeconds(30), WINDOW);

        assertThat(testee().recordAttempt(KEY, FIRST.plusSeconds(60), WINDOW)).contains(FIRST);
    }

    @Test
    default void sameMailToAnotherRecipientShouldBeAFirstAttempt() {
        testee().recordAttempt(KEY, FIRST, WINDOW);

        assertThat(testee().recordAttempt(DeliveryLedger.keyOf("Mail1764756000000-1", "alice@james.test"), FIRST,
            WINDOW)).isEmpty();
    }

    @Test
    default void attemptOlderThanTheWindowShouldBeForgotten() {
        testee().recordAttempt(KEY, FIRST, WINDOW);
        Instant afterTheWindow = FIRST.plus(WINDOW).plusSeconds(1);

        assertThat(testee().recordAttempt(KEY, afterTheWindow, WINDOW)).isEmpty();
        assertThat(testee().recordAttempt(KEY, afterTheWindow.plusSeconds(1), WINDOW)).contains(afterTheWindow);
    }

    @Test
    default void keyShouldNotDependOnAnythingButMailNameAndRecipient() {
        assertThat(DeliveryLedger.keyOf("m", "bob@james.test")).isEqualTo(DeliveryLedger.keyOf("m", "bob@james.test"))
            .hasSize(64)
            .isNotEqualTo(DeliveryLedger.keyOf("m2", "bob@james.test"));
    }
}
