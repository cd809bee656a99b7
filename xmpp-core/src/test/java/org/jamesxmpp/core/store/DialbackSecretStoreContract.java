package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

public interface DialbackSecretStoreContract {
    Instant FIRST = Instant.parse("2026-12-03T10:00:00Z");
    Duration INTERVAL = Duration.ofHours(1);

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

    @Test
    default void rotateShouldStoreAFirstGenerationWhenEmpty() {
        assertThat(testee().rotate(FIRST, INTERVAL, () -> "first"))
            .containsExactly(new DialbackSecret(1, "first", FIRST));
    }

    @Test
    default void rotateShouldKeepTheNewestGenerationWithinTheInterval() {
        testee().rotate(FIRST, INTERVAL, () -> "first");

        assertThat(testee().rotate(FIRST.plus(INTERVAL).minusMillis(1), INTERVAL, () -> {
            throw new AssertionError("no candidate needed");
        })).containsExactly(new DialbackSecret(1, "first", FIRST));
    }

    @Test
    default void rotateShouldAddTheNextGenerationOnceTheIntervalPassedAndKeepTheOlderOne() {
        testee().rotate(FIRST, INTERVAL, () -> "first");
        Instant later = FIRST.plus(INTERVAL);

        assertThat(testee().rotate(later, INTERVAL, () -> "second"))
            .containsExactly(new DialbackSecret(2, "second", later), new DialbackSecret(1, "first", FIRST));
        assertThat(testee().retrieveOrStore(() -> "third")).isEqualTo("second");
    }

    @Test
    default void rotateShouldKeepOnlyTheNewestGenerations() {
        for (int generation = 1; generation <= DialbackSecretStore.KEPT + 2; generation++) {
            String secret = "secret-" + generation;
            testee().rotate(FIRST.plus(INTERVAL.multipliedBy(generation)), INTERVAL, () -> secret);
        }

        assertThat(testee().rotate(FIRST.plus(INTERVAL.multipliedBy(DialbackSecretStore.KEPT + 2)), INTERVAL, () -> "x"))
            .extracting(DialbackSecret::generation)
            .containsExactly(5, 4, 3);
    }

    @Test
    default void concurrentRotationsShouldAgreeOnOneNextGeneration() {
        testee().rotate(FIRST, INTERVAL, () -> "first");
        Instant later = FIRST.plus(INTERVAL);

        List<List<DialbackSecret>> rings = Flux.range(0, 8)
            .parallel(8)
            .runOn(Schedulers.boundedElastic())
            .map(candidate -> testee().rotate(later, INTERVAL, () -> "candidate-" + candidate))
            .sequential()
            .collectList()
            .block();

        assertThat(rings).hasSize(8).containsOnly(rings.get(0));
        assertThat(rings.get(0)).extracting(DialbackSecret::generation).containsExactly(2, 1);
    }
}
