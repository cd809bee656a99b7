package org.jamesxmpp.guice;

import java.io.FileNotFoundException;
import java.time.Clock;

import javax.inject.Named;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.jamesxmpp.cassandra.CassandraDialbackSecretStore;
import org.jamesxmpp.cassandra.CassandraInboundDedupStore;
import org.jamesxmpp.cassandra.CassandraLateErrorStore;
import org.jamesxmpp.cassandra.CassandraSessions;
import org.jamesxmpp.cassandra.CassandraStoresConfiguration;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * State the nodes of a cluster share, in Cassandra: the extension's own session, built from James's
 * {@code cassandra.properties} (James's keys), on James's keyspace, with the extension's tables created at start.
 * The session is bound under a name of its own, so that it never clashes with a session James binds.
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
    CqlSession session(CassandraStoresConfiguration configuration) throws ConfigurationException {
        return CassandraSessions.open(configuration);
    }

    @Provides
    @Singleton
    DialbackSecretStore dialbackSecretStore(@Named(SESSION) CqlSession session, Clock clock) {
        return new CassandraDialbackSecretStore(session, clock);
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
}
