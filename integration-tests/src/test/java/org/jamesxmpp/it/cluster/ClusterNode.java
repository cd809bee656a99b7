package org.jamesxmpp.it.cluster;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.jamesxmpp.cassandra.CassandraStoresConfiguration;
import org.jamesxmpp.guice.JamesXmppMain;
import org.jamesxmpp.guice.XmppModules;
import org.jamesxmpp.listener.configuration.AttachmentsConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.EmbeddedCassandra;

import com.google.common.collect.ImmutableList;
import com.google.inject.Module;

/** One James node of a test cluster: the run command's server with the Cassandra stores, on its own addresses. */
public final class ClusterNode {
    private ClusterNode() {
    }

    /** The {@code cassandra.properties} of a node using the test class's keyspace; no retries. */
    static CassandraStoresConfiguration cassandraOf(CassandraKeyspaceExtension cassandra) {
        return new CassandraStoresConfiguration(ImmutableList.of(EmbeddedCassandra.instance().contactPoint()),
            cassandra.keyspace(), false, 1, EmbeddedCassandra.DATACENTER, Optional.empty(), Optional.empty(), 0,
            Duration.ZERO);
    }

    /**
     * A server (not started) whose XMPP listener binds {@code xmppBind} and that routes a.test to 127.0.0.2; without
     * the test {@code xmpp.xml}'s attachment server, whose one address two nodes in a JVM cannot both bind.
     */
    static GuiceJamesServer server(Path workingDirectory, String xmppBind, CassandraStoresConfiguration cassandra,
                                   Module... overrides) throws ConfigurationException {
        return server(workingDirectory, xmppBind, "127.0.0.2", cassandra, overrides);
    }

    /** As above, with a.test at {@code peerHost}:5269. */
    static GuiceJamesServer server(Path workingDirectory, String xmppBind, String peerHost,
                                   CassandraStoresConfiguration cassandra, Module... overrides)
        throws ConfigurationException {
        return server(workingDirectory, xmppBind, peerHost, "", cassandra, overrides);
    }

    /** As above, with {@code moreXmpp} (elements of {@code xmpp.xml}) added to its configuration. */
    static GuiceJamesServer server(Path workingDirectory, String xmppBind, String peerHost, String moreXmpp,
                                   CassandraStoresConfiguration cassandra, Module... overrides)
        throws ConfigurationException {
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(workingDirectory.toFile())
            .configurationFromClasspath()
            .usersRepository(DEFAULT)
            .build();
        XmppConfiguration xmpp = xmpp("<xmpp><listener><bind>" + xmppBind + "</bind></listener>"
            + "<routes><route domain=\"a.test\" host=\"" + peerHost + "\" port=\"5269\"/></routes>" + moreXmpp + "</xmpp>");
        return JamesXmppMain.createServer(configuration, XmppModules.WITH_CASSANDRA_STORES)
            .overrideWith(binder -> binder.bind(CassandraStoresConfiguration.class).toInstance(cassandra),
                binder -> binder.bind(XmppConfiguration.class).toInstance(xmpp),
                binder -> binder.bind(AttachmentsConfiguration.class).toInstance(AttachmentsConfiguration.disabled()))
            .overrideWith(overrides);
    }

    /**
     * Every James in a JVM registers its components under the same JMX names, which a second James then finds taken:
     * once a node started, take its names out; put placeholders back before it stops, as James unregisters them.
     */
    public static Set<ObjectName> releaseJmxNames() throws JMException {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = platform.queryNames(new ObjectName("org.apache.james:*"), null);
        for (ObjectName name : names) {
            platform.unregisterMBean(name);
        }
        return names;
    }

    public static void restoreJmxNames(Set<ObjectName> names) throws JMException {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : names) {
            if (!platform.isRegistered(name)) {
                Runnable placeholder = () -> { };
                platform.registerMBean(new StandardMBean(placeholder, Runnable.class), name);
            }
        }
    }

    private static XmppConfiguration xmpp(String content) throws ConfigurationException {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(content));
        return XmppConfiguration.from(configuration);
    }
}
