package org.jamesxmpp.guice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.ExtraProperties;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.jamesxmpp.cassandra.CassandraStoresConfiguration;

import com.google.common.base.Throwables;
import com.google.inject.Module;

/**
 * The run command's entry point: James's memory server combined with the XMPP extension.
 * Like {@link MemoryJamesServerMain}, it reads {@code conf/} below the {@code working.directory} system property.
 * With a {@code conf/cassandra.properties}, the state the nodes of a cluster share goes to Cassandra.
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
        // A bad configuration must end the process with one readable line, not only James's stack trace.
        System.setProperty("james.exit.on.startup.error", "false");
        ExtraProperties.initialize();

        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        GuiceJamesServer server = createServer(configuration, xmppModules(configuration))
            .overrideWith(new RunArgumentsModule(args));
        try {
            JamesServerMain.main(server);
        } catch (Throwable e) {
            System.err.println("james-xmpp: cannot start: " + explain(e));
            System.exit(1);
        }
    }

    private static Module xmppModules(MemoryJamesConfiguration configuration) {
        Path cassandraProperties = Path.of(configuration.directories().getConfDirectory(),
            CassandraStoresConfiguration.FILE);
        return Files.exists(cassandraProperties) ? XmppModules.WITH_CASSANDRA_STORES : XmppModules.ALL;
    }

    private static String explain(Throwable e) {
        Optional<Throwable> configurationError = Throwables.getCausalChain(e).stream()
            .filter(ConfigurationException.class::isInstance)
            .reduce((first, second) -> second);
        Throwable cause = configurationError.orElse(Throwables.getRootCause(e));
        return Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getName());
    }
}
