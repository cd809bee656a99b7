package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryDialbackSecretStoreTest implements DialbackSecretStoreContract {
    MemoryDialbackSecretStore testee = new MemoryDialbackSecretStore();

    @Override
    public DialbackSecretStore testee() {
        return testee;
    }

    @Test
    void separateStoresShouldNotShareSecrets() {
        new MemoryDialbackSecretStore().retrieveOrStore(() -> "other");

        assertThat(testee.retrieveOrStore(() -> "mine")).isEqualTo("mine");
    }
}
