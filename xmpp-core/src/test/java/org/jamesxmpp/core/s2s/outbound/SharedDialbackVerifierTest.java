package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.junit.jupiter.api.Test;

class SharedDialbackVerifierTest {
    final List<CompletableFuture<DialbackOutcome>> asked = new ArrayList<>();
    final SharedDialbackVerifier testee = new SharedDialbackVerifier((receiving, originating, streamId, key) -> {
        CompletableFuture<DialbackOutcome> answer = new CompletableFuture<>();
        asked.add(answer);
        return answer;
    });

    @Test
    void identicalQuestionsInFlightShouldBeAskedOnceAndShareTheAnswer() {
        CompletionStage<DialbackOutcome> first = testee.verify("james.test", "a.test", "s1", "k");
        CompletionStage<DialbackOutcome> second = testee.verify("james.test", "a.test", "s1", "k");

        asked.get(0).complete(DialbackOutcome.VALID);

        assertThat(asked).hasSize(1);
        assertThat(first.toCompletableFuture()).isCompletedWithValue(DialbackOutcome.VALID);
        assertThat(second.toCompletableFuture()).isCompletedWithValue(DialbackOutcome.VALID);
        assertThat(testee.inFlight()).isZero();
    }

    @Test
    void questionsDifferingInAnyPartShouldEachBeAsked() {
        testee.verify("james.test", "a.test", "s1", "k");
        testee.verify("other.test", "a.test", "s1", "k");
        testee.verify("james.test", "b.test", "s1", "k");
        testee.verify("james.test", "a.test", "s2", "k");
        testee.verify("james.test", "a.test", "s1", "k2");

        assertThat(asked).hasSize(5);
    }

    @Test
    void answeredQuestionShouldBeAskedAgain() {
        testee.verify("james.test", "a.test", "s1", "k");
        asked.get(0).complete(DialbackOutcome.INVALID);

        testee.verify("james.test", "a.test", "s1", "k");

        assertThat(asked).hasSize(2);
    }

    @Test
    void failureShouldReachEverySharerAndFreeTheQuestion() {
        CompletionStage<DialbackOutcome> first = testee.verify("james.test", "a.test", "s1", "k");
        CompletionStage<DialbackOutcome> second = testee.verify("james.test", "a.test", "s1", "k");

        asked.get(0).completeExceptionally(new IllegalStateException("boom"));

        assertThat(first.toCompletableFuture()).isCompletedExceptionally();
        assertThat(second.toCompletableFuture()).isCompletedExceptionally();
        assertThat(testee.inFlight()).isZero();
    }
}
