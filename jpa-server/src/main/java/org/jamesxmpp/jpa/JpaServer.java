package org.jamesxmpp.jpa;

import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ManageSieveServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.ReIndexingModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminReIndexingTaskSerializationModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * James's single-node persistent server, composed as James 3.8.1's {@code JPAJamesServerMain} composes it (James does
 * not publish that wiring for 3.8.1): users, domains, mailboxes and sieve scripts in a JPA database (embedded Derby by
 * default), IMAP search on Lucene, mail queues on an embedded ActiveMQ (KahaDB). Everything lives below the working
 * directory. James only: nothing of the XMPP extension.
 */
public final class JpaServer {
    public static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        new DataRoutesModules(),
        new InconsistencyQuotasSolvingRoutesModule(),
        new MailboxRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new ReIndexingModule(),
        new SieveRoutesModule(),
        new WebAdminReIndexingTaskSerializationModule());

    public static final Module PROTOCOLS = Modules.combine(
        new IMAPServerModule(),
        new LMTPServerModule(),
        new ManageSieveServerModule(),
        new POP3ServerModule(),
        new ProtocolHandlerModule(),
        new SMTPServerModule(),
        WEBADMIN);

    public static final Module PERSISTENCE = Modules.combine(
        new ActiveMqQueueModule(),
        new JpaDataModule(),
        new JpaMailboxModule(),
        new LuceneSearchModule());

    public static final Module SERVER = Modules.combine(
        new MailetProcessingModule(),
        new NaiveDelegationStoreModule(),
        new DefaultProcessorsConfigurationProviderModule(),
        new MailboxModule(),
        new NoJwtModule(),
        new RawPostDequeueDecoratorModule(),
        new DefaultEventModule(),
        new TaskManagerModule(),
        new MemoryDeadLetterModule(),
        new MemoryVacationModule(),
        PERSISTENCE,
        PROTOCOLS);

    private JpaServer() {
    }

    /** Like any {@link GuiceJamesServer}, it loads {@code conf/extensions.properties} and {@code extensions-jars/}. */
    public static GuiceJamesServer create(Configuration configuration) {
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(SERVER);
    }
}
