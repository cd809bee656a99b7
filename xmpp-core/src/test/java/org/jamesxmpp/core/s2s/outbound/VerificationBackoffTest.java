package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.Test;

class VerificationBackoffTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    final List<String> asked = new ArrayList<>();
    final List<CompletableFuture<DialbackOutcome>> answers = new ArrayList<>();
    final VerificationBackoff testee = new VerificationBackoff((receiving, originating, streamId, key) -> {
        asked.add(originating + " " + key);
        CompletableFuture<DialbackOutcome> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }, Duration.ofSeconds(10), Duration.ofSeconds(25), 2, clock);

    private CompletionStage<DialbackOutcome> verify(String originating, String key) {
        return testee.verify("james.test", originating, "id", key);
    }

    private void failOnce(String domain) {
        verify(domain, "k");
        answers.get(answers.size() - 1).complete(DialbackOutcome.UNREACHABLE);
    }

    @Test
    void unreachableDomainShouldBeUnreachableWithoutAskingUntilItsBackoffEnds() {
        failOnce("down.test");

        assertThat(verify("down.test", "other").toCompletableFuture()).isCompletedWithValue(DialbackOutcome.UNREACHABLE);
        assertThat(asked).hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        verify("down.test", "again");
        assertThat(asked).hasSize(2);
    }

    @Test
    void backoffShouldDoubleUpToItsCap() {
        failOnce("down.test");
        clock.advance(Duration.ofSeconds(10));
        failOnce("down.test");
        clock.advance(Duration.ofSeconds(19));
        verify("down.test", "k");
        assertThat(asked).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        failOnce("down.test");
        clock.advance(Duration.ofSeconds(24));
        verify("down.test", "k");
        assertThat(asked).hasSize(3);
        clock.advance(Duration.ofSeconds(1));
        verify("down.test", "k");
        assertThat(asked).hasSize(4);
    }

    @Test
    void answerOfTheServerShouldForgetTheFailures() {
        failOnce("down.test");
        clock.advance(Duration.ofSeconds(10));
        verify("down.test", "k");
        answers.get(1).complete(DialbackOutcome.INVALID);

        failOnce("down.test");
        clock.advance(Duration.ofSeconds(10));
        verify("down.test", "k");

        assertThat(asked).hasSize(4);
    }

    @Test
    void invalidAndBusyOutcomesShouldNotBackOff() {
        verify("forged.test", "k");
        answers.get(0).complete(DialbackOutcome.INVALID);
        verify("busy.test", "k");
        answers.get(1).complete(DialbackOutcome.BUSY);

        verify("forged.test", "k");
        verify("busy.test", "k");

        assertThat(asked).hasSize(4);
    }

    @Test
    void failuresOfVerificationsInFlightTogetherShouldCountOnce() {
        verify("down.test", "k1");
        verify("down.test", "k2");
        answers.get(0).complete(DialbackOutcome.UNREACHABLE);
        answers.get(1).complete(DialbackOutcome.UNREACHABLE);

        clock.advance(Duration.ofSeconds(10));
        verify("down.test", "k3");

        assertThat(asked).hasSize(3);
    }

    @Test
    void otherDomainsShouldNotBackOff() {
        failOnce("down.test");

        verify("up.test", "k");

        assertThat(asked).hasSize(2);
    }
}
