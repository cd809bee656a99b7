package org.jamesxmpp.jpa;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.modules.server.JMXServerModule;
import org.apache.james.server.core.configuration.Configuration;

/**
 * The equivalent of James 3.8.1's {@code org.apache.james.JPAJamesServerMain} on {@link JpaServer}: James's JPA server
 * with no XMPP in it, started the way James starts it ({@code -Dworking.directory=DIR}, {@code DIR/conf/},
 * extensions from {@code DIR/conf/extensions.properties} and {@code DIR/extensions-jars/} through James's own loader,
 * JMX as {@code jmx.properties} says). A stock James JPA deployment for the drop-in bundle.
 */
public class JpaJamesServerMain implements JamesServerMain {
    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        Configuration configuration = Configuration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        LOGGER.info("Loading configuration {}", configuration);
        GuiceJamesServer server = JpaServer.create(configuration)
            .combineWith(new JMXServerModule())
            .overrideWith(new RunArgumentsModule(args));
        JamesServerMain.main(server);
    }
}
