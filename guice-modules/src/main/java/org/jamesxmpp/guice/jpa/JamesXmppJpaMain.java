package org.jamesxmpp.guice.jpa;

import org.apache.james.JamesServerMain;
import org.apache.james.server.core.configuration.Configuration;
import org.jamesxmpp.guice.RunCommand;

/**
 * The run command's default, persistent flavour ({@code bin/james-xmpp}): {@link JpaJamesServer} with
 * {@code conf/} and every store below the {@code working.directory} system property (the run command's
 * {@code --data}).
 */
public class JamesXmppJpaMain implements JamesServerMain {
    public static void main(String[] args) throws Exception {
        RunCommand.prepare();
        Configuration configuration = Configuration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        RunCommand.run(JpaJamesServer.create(configuration), args);
    }
}
