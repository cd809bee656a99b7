package org.jamesxmpp.it.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import javax.management.ObjectName;

import org.apache.james.GuiceJamesServer;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.collect.ImmutableSet;
import com.google.inject.Module;

/**
 * Two James nodes of one cluster on one Cassandra, and a Prosody for a.test (127.0.0.2). Node A serves
 * 127.0.0.4; Prosody finds james.test at 127.0.0.3, which only node B serves: whatever node A sends, Prosody asks
 * node B to verify its dialback key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodesCluster {
    static final String JAMES_DOMAIN = "james.test";
    static final String PASSWORD = "secret";

    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private ProsodyPeer prosody;
    private GuiceJamesServer nodeA;
    private GuiceJamesServer nodeB;
    private Set<ObjectName> jmxNamesOfNodeA = ImmutableSet.of();

    /** A second domain of both nodes, which Prosody also finds at node B: mail from it needs a stream of its own. */
    static final String OTHER_DOMAIN = "other.test";

    /** What node B binds differently. */
    abstract Module[] nodeBOverrides();

    /** Elements added to the {@code xmpp.xml} of both nodes. */
    String moreXmpp() {
        return "";
    }

    @BeforeAll
    void startCluster(@TempDir Path workingDirectory) throws Exception {
        nodeA = ClusterNode.server(Files.createDirectory(workingDirectory.resolve("a")), "127.0.0.4:5269", "127.0.0.2",
            moreXmpp(), ClusterNode.cassandraOf(cassandra));
        nodeB = ClusterNode.server(Files.createDirectory(workingDirectory.resolve("b")), "127.0.0.3:5269", "127.0.0.2",
            moreXmpp(), ClusterNode.cassandraOf(cassandra), nodeBOverrides());
        nodeA.start();
        jmxNamesOfNodeA = ClusterNode.releaseJmxNames();
        nodeB.start();
        usersOfNodeA().ensureDomain();
        usersOfNodeB().ensureDomain();
        new JamesUsers(nodeA, OTHER_DOMAIN, PASSWORD).ensureDomain();
        new JamesUsers(nodeB, OTHER_DOMAIN, PASSWORD).ensureDomain();
        prosody = ProsodyPeer.builder("a.test", "127.0.0.2")
            .resolve(JAMES_DOMAIN, "127.0.0.3")
            .resolve(OTHER_DOMAIN, "127.0.0.3")
            .user("alice", PASSWORD)
            .start();
    }

    @AfterAll
    void stopCluster() throws Exception {
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

    JamesUsers usersOfNodeA() {
        return new JamesUsers(nodeA, JAMES_DOMAIN, PASSWORD);
    }

    JamesUsers otherDomainUsersOfNodeA() {
        return new JamesUsers(nodeA, OTHER_DOMAIN, PASSWORD);
    }

    /** In a real cluster both nodes share one mailbox and user base; here each node has its own (memory). */
    JamesUsers usersOfNodeB() {
        return new JamesUsers(nodeB, JAMES_DOMAIN, PASSWORD);
    }

    SmackClient alice() {
        return SmackClient.login("a.test", prosody.c2sAddress(), "alice", PASSWORD);
    }
}
