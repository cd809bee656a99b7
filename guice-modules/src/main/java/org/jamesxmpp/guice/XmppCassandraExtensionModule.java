package org.jamesxmpp.guice;

import org.jamesxmpp.core.store.MemoryRosterStore;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.listener.configuration.C2sConfiguration;

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
    }

    /** Not shared yet: each node keeps the rosters in its memory (README). */
    @Provides
    @Singleton
    RosterStore rosterStore(C2sConfiguration configuration) {
        return new MemoryRosterStore(configuration.maxRosterItems());
    }
}
