package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.CassandraZonedDateTimeModule;
import org.apache.james.backends.cassandra.init.SessionWithInitializedTablesFactory;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionModule;
import org.apache.james.utils.PropertiesProvider;
import org.jamesxmpp.cassandra.CassandraDeliveryLedger;
import org.jamesxmpp.cassandra.CassandraDomainCapabilityStore;
import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.guice.XmppCassandraStoresModule;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Names;

/**
 * In a James distributed server, James's {@code CassandraSessionModule} binds {@code CqlSession} to its
 * {@code SessionWithInitializedTablesFactory}, on James's keyspace, and the extension's modules go into a child
 * injector of James's: the stores must use that very session, with no {@code cassandra.properties} read a second time.
 */
class JamesCqlSessionReuseTest {
    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    @Test
    void storesShouldUseTheSessionJamesBindsOnJamesKeyspace() {
        CqlSession jamesSession = cassandra.newSession();
        Injector james = Guice.createInjector(new JamesCassandraSession(jamesSession));

        Injector extension = james.createChildInjector(new XmppCassandraStoresModule());

        assertThat(extension.getInstance(Key.get(CqlSession.class, Names.named(XmppCassandraStoresModule.SESSION))))
            .isSameAs(james.getInstance(CqlSession.class))
            .isSameAs(jamesSession);
        assertThat(cassandra.session().execute(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", cassandra.keyspace()).all())
            .extracting(row -> row.getString("table_name"))
            .containsExactlyInAnyOrder("schemaversion", "xmpp_dialback_secrets", "xmpp_inbound_dedup",
                "xmpp_late_error", "xmpp_delivery_ledger", "xmpp_domain_capabilities", "xmpp_roster");
        String secret = extension.getInstance(DialbackSecretStore.class).retrieveOrStore(() -> "written-by-the-extension");
        assertThat(cassandra.session().execute("SELECT secret FROM xmpp_dialback_secrets").one().getString("secret"))
            .isEqualTo(secret)
            .isEqualTo("written-by-the-extension");
        assertThat(extension.getInstance(InboundDedupStore.class)).isNotNull();
        assertThat(extension.getInstance(DeliveryLedger.class)).isInstanceOf(CassandraDeliveryLedger.class);
        assertThat(extension.getInstance(DomainCapabilityStore.class)).isInstanceOf(CassandraDomainCapabilityStore.class);
    }

    /** What James's CassandraSessionModule binds, minus what the stores do not use. */
    private static final class JamesCassandraSession extends AbstractModule {
        private final CqlSession cluster;

        private JamesCassandraSession(CqlSession cluster) {
            this.cluster = cluster;
        }

        @Override
        protected void configure() {
            bind(CqlSession.class).toProvider(SessionWithInitializedTablesFactory.class);
            bind(Clock.class).toInstance(Clock.systemUTC());
            bind(XmppConfiguration.class).toInstance(XmppConfiguration.defaults());
            // no cassandra.properties here: the stores must not need one
            bind(PropertiesProvider.class).toInstance(PropertiesProvider.forTesting());
        }

        @Provides
        @Singleton
        SessionWithInitializedTablesFactory sessionFactory() {
            return new SessionWithInitializedTablesFactory(cluster,
                CassandraModule.aggregateModules(CassandraZonedDateTimeModule.MODULE, CassandraSchemaVersionModule.MODULE));
        }
    }
}
