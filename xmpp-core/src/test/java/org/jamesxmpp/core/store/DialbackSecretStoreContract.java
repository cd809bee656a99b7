package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

public interface DialbackSecretStoreContract {
    DialbackSecretStore testee();

    @Test
    default void retrieveOrStoreShouldStoreTheCandidateWhenEmpty() {
        assertThat(testee().retrieveOrStore(() -> "first")).isEqualTo("first");
    }

    @Test
    default void retrieveOrStoreShouldKeepTheFirstSecret() {
        testee().retrieveOrStore(() -> "first");

        assertThat(testee().retrieveOrStore(() -> "second")).isEqualTo("first");
    }

    @Test
    default void concurrentFirstCallsShouldAgreeOnOneSecret() {
        List<String> secrets = Flux.range(0, 8)
            .parallel(8)
            .runOn(Schedulers.boundedElastic())
            .map(candidate -> testee().retrieveOrStore(() -> "candidate-" + candidate))
            .sequential()
            .collectList()
            .block();

        assertThat(secrets).hasSize(8).containsOnly(secrets.get(0));
    }
}
