package org.jamesxmpp.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.DialbackSecretStoreContract;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraDialbackSecretStoreTest implements DialbackSecretStoreContract {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    private CassandraDialbackSecretStore testee;

    @BeforeAll
    static void createTables() {
        XmppCassandraSchema.createTables(cassandra.session()).block();
    }

    @BeforeEach
    void setUp() {
        cassandra.truncateTables();
        testee = new CassandraDialbackSecretStore(cassandra.session());
    }

    @Override
    public DialbackSecretStore testee() {
        return testee;
    }

    @Test
    void anotherNodeShouldReadTheSecretTheFirstNodeStored() {
        testee.retrieveOrStore(() -> "node-a-secret");

        CassandraDialbackSecretStore nodeB = new CassandraDialbackSecretStore(cassandra.newSession());

        assertThat(nodeB.retrieveOrStore(() -> "node-b-secret")).isEqualTo("node-a-secret");
    }

    @Test
    void retrieveOrStoreShouldNotAskForACandidateWhenASecretIsStored() {
        testee.retrieveOrStore(() -> "first");

        assertThat(testee.retrieveOrStore(() -> {
            throw new AssertionError("no candidate needed");
        })).isEqualTo("first");
    }

    @Test
    void schemaCreationShouldBeIdempotent() {
        testee.retrieveOrStore(() -> "first");

        XmppCassandraSchema.createTables(cassandra.session()).block();

        assertThat(testee.retrieveOrStore(() -> "second")).isEqualTo("first");
    }
}
