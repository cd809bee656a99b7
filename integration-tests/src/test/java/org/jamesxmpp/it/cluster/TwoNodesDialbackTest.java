package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

import com.google.inject.Module;

/** Both nodes on the Cassandra stores: the stanza arrives only because node B verifies what node A generated. */
class TwoNodesDialbackTest extends TwoNodesCluster {
    @Override
    Module[] nodeBOverrides() {
        return new Module[0];
    }

    @Test
    void aDialbackKeyGeneratedOnNodeAShouldVerifyOnNodeB() throws Exception {
        JamesUsers usersOfNodeA = usersOfNodeA();
        String bob = usersOfNodeA.create("bob");

        try (SmackClient alice = alice()) {
            usersOfNodeA.submit(bob, "alice@a.test", "From: " + bob + "\r\nTo: alice@a.test\r\n"
                + "Subject: Sent by node A\r\n\r\nverified by node B\r\n");

            List<Message> received = alice.awaitMessages(m -> "Sent by node A".equals(m.getSubject()), 1,
                Duration.ofSeconds(40));
            assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(bob);
        }
    }
}
