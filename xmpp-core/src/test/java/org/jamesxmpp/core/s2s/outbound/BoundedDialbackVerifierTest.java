package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.junit.jupiter.api.Test;

class BoundedDialbackVerifierTest {
    List<CompletableFuture<DialbackOutcome>> asked = new ArrayList<>();
    BoundedDialbackVerifier testee = new BoundedDialbackVerifier((receiving, originating, streamId, key) -> {
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        asked.add(outcome);
        return outcome;
    }, 2);

    private CompletionStage<DialbackOutcome> verify(String originating) {
        return testee.verify("james.test", originating, "id", "key");
    }

    @Test
    void verificationOverTheLimitShouldBeBusyWithoutAsking() {
        verify("a.test");
        verify("b.test");

        CompletionStage<DialbackOutcome> third = verify("c.test");

        assertThat(third.toCompletableFuture()).isCompletedWithValue(DialbackOutcome.BUSY);
        assertThat(asked).hasSize(2);
    }

    @Test
    void answeredVerificationShouldFreeItsPlace() {
        verify("a.test");
        verify("b.test");
        asked.get(0).complete(DialbackOutcome.VALID);

        verify("c.test");

        assertThat(asked).hasSize(3);
    }

    @Test
    void failedVerificationShouldFreeItsPlace() {
        verify("a.test");
        verify("b.test");
        asked.get(1).completeExceptionally(new IllegalStateException("boom"));

        verify("c.test");

        assertThat(asked).hasSize(3);
    }
}
