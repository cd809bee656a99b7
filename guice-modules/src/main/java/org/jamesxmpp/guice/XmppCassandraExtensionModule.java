package org.jamesxmpp.guice;

import javax.inject.Named;

import org.jamesxmpp.cassandra.CassandraRosterStore;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.listener.c2s.PasswordHashes;
import org.jamesxmpp.listener.c2s.UsersRepositoryPasswordHashes;
import org.jamesxmpp.listener.configuration.C2sConfiguration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * {@link XmppExtensionModule} with the state the nodes of a cluster share in Cassandra instead of this node's memory:
 * name it as {@code guice.extension.module} in {@code extensions.properties} of every node, next to a
 * {@code cassandra.properties}.
 */
public class XmppCassandraExtensionModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new XmppConfigurationModule());
        install(new XmppCassandraStoresModule());
        install(new XmppS2sModule());
        install(new XmppInboundModule());
        install(new XmppC2sModule());
        bind(PasswordHashes.class).to(UsersRepositoryPasswordHashes.class);
    }

    /** Here rather than in {@link XmppCassandraStoresModule}: it needs {@code <c2s>} of xmpp.xml ({@link XmppC2sModule}). */
    @Provides
    @Singleton
    RosterStore rosterStore(@Named(XmppCassandraStoresModule.SESSION) CqlSession session, C2sConfiguration configuration) {
        return new CassandraRosterStore(session, configuration.maxRosterItems());
    }
}
