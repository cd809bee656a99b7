package org.jamesxmpp.guice;

import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;

/**
 * The run command's memory flavour ({@code bin/james-xmpp --memory}): James's memory server combined with the XMPP
 * extension; nothing but the mail repositories survives a stop. Like {@link MemoryJamesServerMain}, it reads
 * {@code conf/} below the {@code working.directory} system property. The default flavour is
 * {@link org.jamesxmpp.guice.jpa.JamesXmppJpaMain}.
 */
public class JamesXmppMain implements JamesServerMain {

    public static GuiceJamesServer createServer(MemoryJamesConfiguration configuration) {
        return MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule())
            .combineWith(XmppModules.ALL);
    }

    public static void main(String[] args) throws Exception {
        RunCommand.prepare();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        RunCommand.run(createServer(configuration), args);
    }
}
