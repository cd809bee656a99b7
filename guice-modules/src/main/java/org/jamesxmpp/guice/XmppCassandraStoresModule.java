package org.jamesxmpp.guice;

import java.io.FileNotFoundException;
import java.time.Clock;

import javax.inject.Named;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.jamesxmpp.cassandra.CassandraDeliveryLedger;
import org.jamesxmpp.cassandra.CassandraDialbackSecretStore;
import org.jamesxmpp.cassandra.CassandraDomainCapabilityStore;
import org.jamesxmpp.cassandra.CassandraInboundDedupStore;
import org.jamesxmpp.cassandra.CassandraLateErrorStore;
import org.jamesxmpp.cassandra.CassandraSessions;
import org.jamesxmpp.cassandra.CassandraStoresConfiguration;
import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * State the nodes of a cluster share, in Cassandra. In a James distributed server, whose
 * {@code CassandraSessionModule} binds James's {@code CqlSession} (on James's keyspace), the stores use that session:
 * the administrator configures Cassandra once. Elsewhere (the run command, a memory or JPA James) they use a session of
 * their own, built from {@code cassandra.properties} under James's keys. Either way the extension's tables are
 * created at start when missing. The session the stores use is bound under a name of its own, so that it never
 * clashes with James's binding (extension modules live in a child injector, which cannot bind what James binds).
 */
public class XmppCassandraStoresModule extends AbstractModule {
    public static final String SESSION = "xmpp-cassandra-session";

    @Provides
    @Singleton
    CassandraStoresConfiguration cassandraStoresConfiguration(PropertiesProvider propertiesProvider)
        throws ConfigurationException {
        try {
            return CassandraStoresConfiguration.from(propertiesProvider.getConfiguration("cassandra"));
        } catch (FileNotFoundException e) {
            throw new ConfigurationException(CassandraStoresConfiguration.FILE + " is missing from James's conf/: "
                + "the XMPP Cassandra stores need at least " + CassandraStoresConfiguration.NODES, e);
        }
    }

    @Provides
    @Singleton
    @Named(SESSION)
    CqlSession session(Injector injector, Provider<CassandraStoresConfiguration> configuration)
        throws ConfigurationException {
        Binding<CqlSession> james = injector.getExistingBinding(Key.get(CqlSession.class));
        if (james != null) {
            return CassandraSessions.withTables(james.getProvider().get());
        }
        return CassandraSessions.open(configuration.get());
    }

    @Provides
    @Singleton
    DialbackSecretStore dialbackSecretStore(@Named(SESSION) CqlSession session) {
        return new CassandraDialbackSecretStore(session);
    }

    @Provides
    @Singleton
    InboundDedupStore inboundDedupStore(@Named(SESSION) CqlSession session, XmppConfiguration configuration,
                                        Clock clock) {
        return new CassandraInboundDedupStore(session, configuration.dedupWindow(), clock);
    }

    @Provides
    @Singleton
    LateErrorStore lateErrorStore(@Named(SESSION) CqlSession session, XmppConfiguration configuration) {
        return new CassandraLateErrorStore(session, configuration.lateErrors());
    }

    @Provides
    @Singleton
    DeliveryLedger deliveryLedger(@Named(SESSION) CqlSession session) {
        return new CassandraDeliveryLedger(session);
    }

    @Provides
    @Singleton
    DomainCapabilityStore domainCapabilityStore(@Named(SESSION) CqlSession session, Clock clock) {
        return new CassandraDomainCapabilityStore(session, clock);
    }
}
