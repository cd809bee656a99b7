package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.management.ObjectName;

import org.apache.james.GuiceJamesServer;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.collect.ImmutableSet;

/**
 * Two James nodes of one cluster, one Cassandra. Node A (127.0.0.4) sends a stanza to a.test with a dialback key it
 * generated; Prosody finds james.test at 127.0.0.3, which only node B serves, and asks node B to verify the key. The
 * stanza arrives only if node B verifies what node A generated: both use the secret in Cassandra.
 */
class TwoNodesDialbackTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String NODE_A = "127.0.0.4:5269";
    private static final String NODE_B = "127.0.0.3:5269";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    @TempDir
    static Path workingDirectory;

    private static ProsodyPeer prosody;
    private static GuiceJamesServer nodeA;
    private static GuiceJamesServer nodeB;
    private static Set<ObjectName> jmxNamesOfNodeA = ImmutableSet.of();

    @BeforeAll
    static void startCluster() throws Exception {
        nodeA = ClusterNode.server(Files.createDirectory(workingDirectory.resolve("a")), NODE_A,
            ClusterNode.cassandraOf(cassandra));
        nodeB = ClusterNode.server(Files.createDirectory(workingDirectory.resolve("b")), NODE_B,
            ClusterNode.cassandraOf(cassandra));
        nodeA.start();
        jmxNamesOfNodeA = ClusterNode.releaseJmxNames();
        nodeB.start();
        new JamesUsers(nodeA, JAMES_DOMAIN, PASSWORD).ensureDomain();
        new JamesUsers(nodeB, JAMES_DOMAIN, PASSWORD).ensureDomain();
        prosody = ProsodyPeer.builder("a.test", "127.0.0.2")
            .resolve(JAMES_DOMAIN, "127.0.0.3")
            .user("alice", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (prosody != null) {
            prosody.close();
        }
        if (nodeB != null) {
            nodeB.stop();
        }
        if (nodeA != null) {
            ClusterNode.restoreJmxNames(jmxNamesOfNodeA);
            nodeA.stop();
        }
    }

    @Test
    void aDialbackKeyGeneratedOnNodeAShouldVerifyOnNodeB() throws Exception {
        JamesUsers usersOfNodeA = new JamesUsers(nodeA, JAMES_DOMAIN, PASSWORD);
        String bob = usersOfNodeA.create("bob");

        try (SmackClient alice = SmackClient.login("a.test", prosody.c2sAddress(), "alice", PASSWORD)) {
            usersOfNodeA.submit(bob, "alice@a.test", "From: " + bob + "\r\nTo: alice@a.test\r\n"
                + "Subject: Sent by node A\r\n\r\nverified by node B\r\n");

            List<Message> received = alice.awaitMessages(m -> "Sent by node A".equals(m.getSubject()), 1,
                Duration.ofSeconds(40));
            assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(bob);
        }
    }
}
