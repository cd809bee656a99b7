package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
