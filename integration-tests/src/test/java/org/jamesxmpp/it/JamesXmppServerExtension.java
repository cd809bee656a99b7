package org.jamesxmpp.it;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;

import java.util.Locale;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.server.core.configuration.Configuration;
import org.jamesxmpp.guice.JamesXmppMain;
import org.jamesxmpp.guice.jpa.JpaJamesServer;

import com.google.common.collect.ImmutableList;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * James in-process exactly as the run command builds it, with the test conf: the memory flavour ({@code --memory}),
 * or, when the system property {@value #FLAVOUR_PROPERTY} is {@code persistent} (the build's second run of the
 * inbound and outbound suites), the persistent default (JPA on Derby, Lucene, ActiveMQ).
 */
public interface JamesXmppServerExtension {
    String FLAVOUR_PROPERTY = "jamesxmpp.flavour";
    /** The test conf's mailetcontainer.xml names memory:// repositories, and its mailrepositorystore.xml no item. */
    Module MEMORY_MAIL_REPOSITORIES = binder -> binder.bind(MailRepositoryStoreConfiguration.Item.class)
        .toProvider(() -> new MailRepositoryStoreConfiguration.Item(ImmutableList.of(new Protocol("memory")),
            MemoryMailRepository.class.getName(), new BaseHierarchicalConfiguration()));

    static JamesServerExtension build(Module... overrides) {
        if ("persistent".equals(System.getProperty(FLAVOUR_PROPERTY, "memory").toLowerCase(Locale.ROOT))) {
            return persistent(overrides);
        }
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> MemoryJamesConfiguration.builder()
                .workingDirectory(tmpDir)
                .configurationFromClasspath()
                .usersRepository(DEFAULT)
                .build())
            .server(configuration -> JamesXmppMain.createServer(configuration).overrideWith(overrides))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    static JamesServerExtension persistent(Module... overrides) {
        return new JamesServerBuilder<Configuration.Basic>(tmpDir -> Configuration.builder()
                .workingDirectory(tmpDir)
                .configurationFromClasspath()
                .build())
            .server(configuration -> JpaJamesServer.create(configuration)
                .overrideWith(Modules.combine(MEMORY_MAIL_REPOSITORIES, Modules.combine(overrides))))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }
}
