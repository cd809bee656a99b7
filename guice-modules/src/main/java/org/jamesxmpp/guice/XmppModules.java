package org.jamesxmpp.guice;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/** The XMPP extension's modules, for servers built with {@code combineWith} (the run command, tests). */
public interface XmppModules {
    /** Shared state in this node's memory: one James. */
    Module ALL = Modules.combine(
        new XmppExtensionModule(),
        new XmppListenerModule());

    /** Shared state in Cassandra ({@code cassandra.properties}): any number of James nodes. */
    Module WITH_CASSANDRA_STORES = Modules.combine(
        new XmppCassandraExtensionModule(),
        new XmppListenerModule());
}
