package org.jamesxmpp.guice;

import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.ExtraProperties;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;

import com.google.common.base.Throwables;

/**
 * The run command's entry point: James's memory server combined with the XMPP extension.
 * Like {@link MemoryJamesServerMain}, it reads {@code conf/} below the {@code working.directory} system property.
 */
public class JamesXmppMain implements JamesServerMain {

    public static GuiceJamesServer createServer(MemoryJamesConfiguration configuration) {
        return MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule())
            .combineWith(XmppModules.ALL);
    }

    public static void main(String[] args) throws Exception {
        // A bad configuration must end the process with one readable line, not only James's stack trace.
        System.setProperty("james.exit.on.startup.error", "false");
        ExtraProperties.initialize();

        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        GuiceJamesServer server = createServer(configuration)
            .overrideWith(new RunArgumentsModule(args));
        try {
            JamesServerMain.main(server);
        } catch (Throwable e) {
            System.err.println("james-xmpp: cannot start: " + explain(e));
            System.exit(1);
        }
    }

    private static String explain(Throwable e) {
        Optional<Throwable> configurationError = Throwables.getCausalChain(e).stream()
            .filter(ConfigurationException.class::isInstance)
            .reduce((first, second) -> second);
        Throwable cause = configurationError.orElse(Throwables.getRootCause(e));
        return Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getName());
    }
}
