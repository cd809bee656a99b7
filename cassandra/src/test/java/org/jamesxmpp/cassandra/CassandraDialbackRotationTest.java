package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.dialback.DialbackSecretRotator;
import org.jamesxmpp.core.s2s.dialback.SecretRotation;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes, each with its own session and rotation, on one Cassandra: a key either node makes verifies on the other
 * before, during and after a rotation, until the grace period of its generation ran out.
 */
class CassandraDialbackRotationTest {
    private static final SecretRotation ROTATION = new SecretRotation(Duration.ofHours(1), Duration.ofMinutes(10));
    private static final String RECEIVING = "a.test";
    private static final String ORIGINATING = "james.test";

    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private int secrets;
    private DialbackSecretRotator rotatorA;
    private DialbackSecretRotator rotatorB;
    private DialbackKeys nodeA;
    private DialbackKeys nodeB;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        rotatorA = new DialbackSecretRotator(new CassandraDialbackSecretStore(cassandra.session()), ROTATION, clock,
            () -> "secret-" + ++secrets);
        rotatorB = new DialbackSecretRotator(new CassandraDialbackSecretStore(cassandra.newSession()), ROTATION, clock,
            () -> "secret-" + ++secrets);
        rotatorA.refreshOrFail();
        rotatorB.refreshOrFail();
        nodeA = new DialbackKeys(rotatorA, clock);
        nodeB = new DialbackKeys(rotatorB, clock);
    }

    @AfterEach
    void tearDown() {
        rotatorA.close();
        rotatorB.close();
    }

    @Test
    void keyMadeOnNodeAShouldVerifyOnNodeB() {
        assertThat(nodeB.isValid(RECEIVING, ORIGINATING, "stream-1", nodeA.key(RECEIVING, ORIGINATING, "stream-1")))
            .isTrue();
        assertThat(nodeB.isValid(RECEIVING, ORIGINATING, "stream-2", nodeA.key(RECEIVING, ORIGINATING, "stream-1")))
            .isFalse();
    }

    @Test
    void keyMadeOnNodeAWhenItRotatedShouldVerifyOnNodeBThatHasNotReadTheNewGenerationYet() {
        clock.advance(ROTATION.interval());
        rotatorA.refreshOrFail();

        assertThat(rotatorA.get().newestFirst()).hasSize(2);
        assertThat(nodeB.isValid(RECEIVING, ORIGINATING, "s", nodeA.key(RECEIVING, ORIGINATING, "s"))).isTrue();
    }

    @Test
    void keyMadeWithTheNewGenerationShouldVerifyOnBothNodesOnceItSigns() {
        clock.advance(ROTATION.interval());
        rotatorA.refreshOrFail();
        clock.advance(ROTATION.refreshInterval());
        rotatorB.refreshOrFail();
        String oldKey = nodeB.key(RECEIVING, ORIGINATING, "s");
        clock.advance(ROTATION.lead());

        String newKey = nodeA.key(RECEIVING, ORIGINATING, "s");

        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(nodeB.key(RECEIVING, ORIGINATING, "s")).isEqualTo(newKey);
        assertThat(nodeB.isValid(RECEIVING, ORIGINATING, "s", newKey)).isTrue();
        assertThat(nodeA.isValid(RECEIVING, ORIGINATING, "s", oldKey)).isTrue();
    }

    @Test
    void keyOfTheOldGenerationShouldStopVerifyingOnceTheGracePeriodRanOut() {
        String oldKey = nodeA.key(RECEIVING, ORIGINATING, "s");
        clock.advance(ROTATION.interval());
        rotatorB.refreshOrFail();
        rotatorA.refreshOrFail();
        clock.advance(ROTATION.lead().plus(ROTATION.gracePeriod()).minusMillis(1));

        assertThat(nodeA.isValid(RECEIVING, ORIGINATING, "s", oldKey)).isTrue();
        assertThat(nodeB.isValid(RECEIVING, ORIGINATING, "s", oldKey)).isTrue();

        clock.advance(Duration.ofMillis(1));

        assertThat(nodeA.isValid(RECEIVING, ORIGINATING, "s", oldKey)).isFalse();
        assertThat(nodeB.isValid(RECEIVING, ORIGINATING, "s", oldKey)).isFalse();
    }

    @Test
    void bothNodesShouldAgreeOnTheGenerationWhenTheyRotateAtOnce() {
        clock.advance(ROTATION.interval());
        rotatorA.refreshOrFail();
        rotatorB.refreshOrFail();

        assertThat(rotatorA.get().newestFirst()).isEqualTo(rotatorB.get().newestFirst());
        assertThat(rotatorA.get().newestFirst().get(0).generation()).isEqualTo(2);
    }
}
