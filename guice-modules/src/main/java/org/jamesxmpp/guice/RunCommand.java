package org.jamesxmpp.guice;

import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.modules.RunArgumentsModule;

import com.google.common.base.Throwables;

/** What the run command's mains share: start a server, or end the process with one readable line. */
public final class RunCommand {
    private RunCommand() {
    }

    /** Call first: James reads these properties while the configuration is built. */
    public static void prepare() {
        // A bad configuration must end the process with one readable line, not only James's stack trace.
        System.setProperty("james.exit.on.startup.error", "false");
        ExtraProperties.initialize();
    }

    public static void run(GuiceJamesServer server, String[] args) {
        try {
            JamesServerMain.main(server.overrideWith(new RunArgumentsModule(args)));
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
