package org.jamesxmpp.guice;

import com.google.inject.AbstractModule;

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
}
