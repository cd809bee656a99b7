package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.SmackClient;
import org.junit.jupiter.api.Test;

import com.google.inject.Module;

/** The control of {@link TwoNodesSharedStateTest}: node B keeps a secret of its own, and node A's keys fail there. */
class TwoNodesWithOwnSecretsTest extends TwoNodesCluster {
    @Override
    Module[] nodeBOverrides() {
        return new Module[] {binder -> binder.bind(DialbackSecretStore.class).toInstance(new MemoryDialbackSecretStore())};
    }

    @Test
    void aDialbackKeyGeneratedOnNodeAShouldNotVerifyOnANodeWithAnotherSecret() throws Exception {
        JamesUsers usersOfNodeA = usersOfNodeA();
        String bob = usersOfNodeA.create("bob");

        try (SmackClient alice = alice()) {
            usersOfNodeA.submit(bob, "alice@a.test", "From: " + bob + "\r\nTo: alice@a.test\r\n"
                + "Subject: Sent by node A\r\n\r\nnode B cannot verify\r\n");

            assertThatThrownBy(() -> alice.awaitMessages(m -> "Sent by node A".equals(m.getSubject()), 1,
                Duration.ofSeconds(15)))
                .isInstanceOf(AssertionError.class);
        }
    }
}
