package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.utils.GuiceProbe;
import org.jamesxmpp.cassandra.CassandraRosterStore;
import org.jamesxmpp.cassandra.CassandraStoresConfiguration;
import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.guice.JamesXmppMain;
import org.jamesxmpp.guice.XmppModules;
import org.jamesxmpp.guice.XmppProbe;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.EmbeddedCassandra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.base.Throwables;
import com.google.common.collect.ImmutableList;
import com.google.inject.multibindings.Multibinder;

/** The run command's server on the Cassandra stores: its start, and its start-up errors. */
class CassandraStoresServerTest {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    @Test
    void serverShouldKeepItsDialbackSecretInCassandra(@TempDir Path workingDirectory) throws Exception {
        GuiceJamesServer server = ClusterNode.server(workingDirectory, "127.0.0.3:5269",
            ClusterNode.cassandraOf(cassandra));
        try {
            server.start();

            assertThat(server.getProbe(XmppProbe.class).boundAddresses())
                .containsExactly(new InetSocketAddress("127.0.0.3", 5269));
            assertThat(cassandra.session().execute("SELECT secret FROM xmpp_dialback_secrets").all())
                .singleElement()
                .satisfies(row -> assertThat(row.getString("secret")).hasSize(64));
        } finally {
            server.stop();
        }
    }

    @Test
    void serverShouldKeepTheRostersInCassandra(@TempDir Path workingDirectory) throws Exception {
        GuiceJamesServer server = ClusterNode.server(workingDirectory, "127.0.195.3:5269", ClusterNode.cassandraOf(cassandra),
            binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(RosterProbe.class));
        try {
            server.start();
            RosterStore store = server.getProbe(RosterProbe.class).store();
            EntityBareJid bob = JidCreate.entityBareFrom("bob@james.test");
            BareJid alice = JidCreate.bareFrom("alice@a.test");

            store.update(bob, alice, any -> Optional.of(RosterItem.listed(alice))).block();

            assertThat(store).isInstanceOf(CassandraRosterStore.class);
            assertThat(cassandra.session().execute("SELECT owner, contact FROM xmpp_roster").all())
                .singleElement()
                .satisfies(row -> assertThat(row.getString("contact")).isEqualTo("alice@a.test"));
        } finally {
            server.stop();
        }
    }

    @Test
    void startShouldFailNamingTheFileAndTheNodesWhenCassandraIsUnreachable(@TempDir Path workingDirectory)
        throws Exception {
        int unusedPort = unusedPort();
        CassandraStoresConfiguration unreachable = new CassandraStoresConfiguration(
            ImmutableList.of(InetSocketAddress.createUnresolved("127.0.0.1", unusedPort)), cassandra.keyspace(),
            false, 1, EmbeddedCassandra.DATACENTER, Optional.empty(), Optional.empty(), 1, Duration.ofMillis(100));
        GuiceJamesServer server = ClusterNode.server(workingDirectory, "127.0.0.3:5269", unreachable);
        try {
            assertThatThrownBy(server::start)
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                    .startsWith("cassandra.properties: cannot use Cassandra at [127.0.0.1:" + unusedPort + "]"
                        + " (cassandra.nodes)")
                    .contains("after 2 attempts"));
        } finally {
            server.stop();
        }
    }

    @Test
    void startShouldFailWhenTheKeyspaceIsMissingAndNotToBeCreated(@TempDir Path workingDirectory) throws Exception {
        CassandraStoresConfiguration missingKeyspace = new CassandraStoresConfiguration(
            ImmutableList.of(EmbeddedCassandra.instance().contactPoint()), "no_such_keyspace", false, 1,
            EmbeddedCassandra.DATACENTER, Optional.empty(), Optional.empty(), 0, Duration.ZERO);
        GuiceJamesServer server = ClusterNode.server(workingDirectory, "127.0.0.3:5269", missingKeyspace);
        try {
            assertThatThrownBy(server::start)
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                    .startsWith("cassandra.properties: keyspace 'no_such_keyspace' (cassandra.keyspace) does not exist")
                    .endsWith("set cassandra.keyspace.create=true"));
        } finally {
            server.stop();
        }
    }

    @Test
    void startShouldFailWhenCassandraPropertiesIsMissing(@TempDir Path workingDirectory) throws Exception {
        GuiceJamesServer server = JamesXmppMain.createServer(MemoryJamesConfiguration.builder()
                .workingDirectory(workingDirectory.toFile())
                .configurationFromClasspath()
                .build(),
            XmppModules.WITH_CASSANDRA_STORES);
        try {
            assertThatThrownBy(server::start)
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                    .isEqualTo("cassandra.properties is missing from James's conf/: the XMPP Cassandra stores need at"
                        + " least cassandra.nodes"));
        } finally {
            server.stop();
        }
    }

    /** What the run command prints: the last configuration error of the chain. */
    private static Throwable configurationError(Throwable e) {
        return Throwables.getCausalChain(e).stream()
            .filter(ConfigurationException.class::isInstance)
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no configuration error in", e));
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
