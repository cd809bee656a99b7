package org.jamesxmpp.it;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;

import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.jamesxmpp.guice.JamesXmppMain;

import com.google.inject.Module;

/** James in-process exactly as the run command builds it (memory server + XMPP modules), with the test conf. */
public interface JamesXmppServerExtension {
    static JamesServerExtension build(Module... overrides) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> MemoryJamesConfiguration.builder()
                .workingDirectory(tmpDir)
                .configurationFromClasspath()
                .usersRepository(DEFAULT)
                .build())
            .server(configuration -> JamesXmppMain.createServer(configuration).overrideWith(overrides))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }
}
