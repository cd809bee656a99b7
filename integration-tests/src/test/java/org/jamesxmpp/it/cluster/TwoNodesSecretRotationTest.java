package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jamesxmpp.core.s2s.dialback.SecretRotation;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.cql.Row;
import com.google.inject.Module;

/**
 * Both nodes rotate the generated dialback secret every few seconds through Cassandra: a key node A makes after a
 * rotation verifies on node B, as before it.
 */
class TwoNodesSecretRotationTest extends TwoNodesCluster {
    private static final SecretRotation ROTATION = new SecretRotation(Duration.ofSeconds(6), Duration.ofSeconds(4));
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Override
    Module[] nodeBOverrides() {
        return new Module[0];
    }

    @Override
    String moreXmpp() {
        return "<dialback><secretRotation>" + ROTATION.interval().toSeconds() + "s</secretRotation>"
            + "<secretGracePeriod>" + ROTATION.gracePeriod().toSeconds() + "s</secretGracePeriod></dialback>";
    }

    @Test
    void aDialbackKeyNodeAMakesAfterARotationShouldVerifyOnNodeB() throws Exception {
        String bob = usersOfNodeA().create("bob");
        String carol = otherDomainUsersOfNodeA().create("carol");

        try (SmackClient alice = alice()) {
            usersOfNodeA().submit(bob, "alice@a.test", "From: " + bob + "\r\nTo: alice@a.test\r\n"
                + "Subject: Before the rotation\r\n\r\nfirst stream\r\n");
            alice.awaitMessages(m -> "Before the rotation".equals(m.getSubject()), 1, WAIT);
            int generationBefore = newestGeneration().getInt("generation");

            // a new generation signs once it is lead old; then another local domain needs a new key (node A sends it
            // on its stream to a.test, piggybacked, and Prosody asks node B to verify it)
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> newestGeneration().getInt("generation") > generationBefore
                    && newestGeneration().getInstant("created_at").plus(ROTATION.lead()).isBefore(Instant.now()));
            otherDomainUsersOfNodeA().submit(carol, "alice@a.test", "From: " + carol + "\r\nTo: alice@a.test\r\n"
                + "Subject: After the rotation\r\n\r\nsecond stream\r\n");

            List<Message> received = alice.awaitMessages(m -> "After the rotation".equals(m.getSubject()), 1, WAIT);
            assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(carol);
        }
    }

    private static Row newestGeneration() {
        return cassandra.session().execute("SELECT generation, created_at FROM xmpp_dialback_secrets LIMIT 1").one();
    }
}
