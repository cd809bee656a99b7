package org.jamesxmpp.guice;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.jamesxmpp.cassandra.CassandraStoresConfiguration;

import com.google.inject.Module;

/**
 * The run command's memory flavour ({@code bin/james-xmpp --memory}): James's memory server combined with the XMPP
 * extension; nothing but the mail repositories survives a stop. Like {@link MemoryJamesServerMain}, it reads
 * {@code conf/} below the {@code working.directory} system property. With a {@code conf/cassandra.properties}, the
 * state the nodes of a cluster share goes to Cassandra. The default flavour is
 * {@link org.jamesxmpp.guice.jpa.JamesXmppJpaMain}.
 */
public class JamesXmppMain implements JamesServerMain {

    public static GuiceJamesServer createServer(MemoryJamesConfiguration configuration) {
        return createServer(configuration, XmppModules.ALL);
    }

    /** @param xmppModules {@link XmppModules#ALL} or {@link XmppModules#WITH_CASSANDRA_STORES} */
    public static GuiceJamesServer createServer(MemoryJamesConfiguration configuration, Module xmppModules) {
        return MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule())
            .combineWith(xmppModules);
    }

    public static void main(String[] args) throws Exception {
        RunCommand.prepare();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        RunCommand.run(createServer(configuration, xmppModules(configuration)), args);
    }

    private static Module xmppModules(MemoryJamesConfiguration configuration) {
        Path cassandraProperties = Path.of(configuration.directories().getConfDirectory(),
            CassandraStoresConfiguration.FILE);
        return Files.exists(cassandraProperties) ? XmppModules.WITH_CASSANDRA_STORES : XmppModules.ALL;
    }
}
