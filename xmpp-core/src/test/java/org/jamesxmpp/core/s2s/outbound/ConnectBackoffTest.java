package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ConnectBackoffTest {
    static final String REMOTE = "a.test";
    static final TerminationCause REFUSED = new TerminationCause(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND,
        "connection refused");
    static final TerminationCause SILENT = new TerminationCause(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT,
        "no answer");

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ConnectBackoff testee = new ConnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 100, clock);

    @Test
    void refusalShouldBeEmptyWhenNothingFailed() {
        assertThat(testee.refusal(REMOTE)).isEmpty();
    }

    @Test
    void refusalShouldCarryTheReasonOfTheLastFailureWhileBackingOff() {
        testee.failed(REMOTE, SILENT);

        assertThat(testee.refusal(REMOTE)).hasValueSatisfying(error -> {
            assertThat(error.reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT);
            assertThat(error.getMessage()).contains("after 1 failed connection attempt(s)", "no answer");
        });
    }

    @Test
    void refusalShouldSayWhenThePeerIsTriedAgain() {
        Instant failedAt = clock.instant();
        testee.failed(REMOTE, REFUSED);
        testee.failed(REMOTE, REFUSED);

        assertThat(testee.refusal(REMOTE)).hasValueSatisfying(error ->
            assertThat(error.notTriedBefore()).contains(failedAt.plus(Duration.ofSeconds(2))));
    }

    @Test
    void refusalShouldEndWhenTheBaseDelayElapsed() {
        testee.failed(REMOTE, REFUSED);

        clock.advance(Duration.ofMillis(999));
        assertThat(testee.refusal(REMOTE)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(testee.refusal(REMOTE)).isEmpty();
    }

    @Test
    void delayShouldDoubleForEachFailureInARowUpToTheCap() {
        testee.failed(REMOTE, REFUSED);
        testee.failed(REMOTE, REFUSED);
        testee.failed(REMOTE, REFUSED);

        clock.advance(Duration.ofMillis(3999));
        assertThat(testee.refusal(REMOTE)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(testee.refusal(REMOTE)).isEmpty();

        testee.failed(REMOTE, REFUSED);
        clock.advance(Duration.ofMillis(4999));
        assertThat(testee.refusal(REMOTE)).as("8 s capped at 5 s").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(testee.refusal(REMOTE)).isEmpty();
    }

    @Test
    void successShouldResetTheFailureCount() {
        testee.failed(REMOTE, REFUSED);
        testee.failed(REMOTE, REFUSED);
        testee.succeeded(REMOTE);

        testee.failed(REMOTE, REFUSED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(testee.refusal(REMOTE)).isEmpty();
    }

    @Test
    void failuresShouldBeCountedPerRemoteDomain() {
        testee.failed(REMOTE, REFUSED);

        assertThat(testee.refusal("b.test")).isEmpty();
    }

    @Test
    void domainsBeyondTheBoundShouldBeForgottenLeastRecentlyFailedFirst() {
        ConnectBackoff bounded = new ConnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 2, clock);
        bounded.failed("first.test", REFUSED);
        bounded.failed("second.test", REFUSED);
        bounded.failed("third.test", REFUSED);

        assertThat(bounded.refusal("first.test")).isEmpty();
        assertThat(bounded.refusal("third.test")).isPresent();
    }

    @Test
    void failuresOtherThanConnectingShouldNotBackOff() {
        testee.failed(REMOTE, new TerminationCause(DeliveryException.Reason.AUTHENTICATION_FAILED, "dialback invalid"));
        testee.failed(REMOTE, new TerminationCause(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND, "reconnect", true));

        assertThat(testee.refusal(REMOTE)).isEmpty();
    }

    @Test
    void zeroBaseShouldNeverBackOff() {
        ConnectBackoff disabled = new ConnectBackoff(Duration.ZERO, Duration.ZERO, 100, clock);

        disabled.failed(REMOTE, REFUSED);

        assertThat(disabled.refusal(REMOTE)).isEmpty();
    }
}
