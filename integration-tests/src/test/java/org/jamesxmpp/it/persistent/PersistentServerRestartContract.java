package org.jamesxmpp.it.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.util.Port;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.guice.jpa.JpaJamesServer;
import org.junit.jupiter.api.Test;

/**
 * The persistent server in-process on the repository's {@code conf/}, stopped and started again on the same data
 * directory; implemented per database.
 */
interface PersistentServerRestartContract {
    String PASSWORD = "secret";
    String BOB = "bob@james.test";

    Path dataDirectory();

    /** {@code james-database.properties} for this database; empty: the shipped one (embedded Derby). */
    Optional<String> databaseProperties();

    @Test
    default void usersDomainsAndMailShouldSurviveARestart() throws Exception {
        RunConf conf = RunConf.create(dataDirectory().resolve("conf"), RunConf.freePort());
        databaseProperties().ifPresent(conf::replaceDatabaseProperties);
        GuiceJamesServer server = start();
        try {
            new WebAdmin(conf.webAdminPort()).addDomain("james.test");
            new WebAdmin(conf.webAdminPort()).addUser(BOB, PASSWORD);
            try (SMTPMessageSender smtp = new SMTPMessageSender("example.org")) {
                smtp.connect("127.0.0.1", Port.of(conf.smtpPort()))
                    .sendMessageWithHeaders("alice@example.org", BOB, "Subject: kept\r\n\r\nstill here after a restart");
            }
            awaitInbox(conf).close();
        } finally {
            server.stop();
        }

        server = start();
        try {
            DataProbeImpl data = server.getProbe(DataProbeImpl.class);
            assertThat(data.listDomains()).contains("james.test");
            assertThat(data.listUsers()).containsExactly(BOB);
            try (TestIMAPClient imap = awaitInbox(conf)) {
                assertThat(imap.readFirstMessage()).contains("Subject: kept", "still here after a restart");
                assertThat(imap.sendCommand("SEARCH SUBJECT kept")).contains("* SEARCH 1");
            }
        } finally {
            server.stop();
        }
    }

    private GuiceJamesServer start() throws Exception {
        GuiceJamesServer server = JpaJamesServer.create(Configuration.builder()
            .workingDirectory(dataDirectory().toFile())
            .build());
        server.start();
        return server;
    }

    private static TestIMAPClient awaitInbox(RunConf conf) throws Exception {
        TestIMAPClient imap = new TestIMAPClient();
        imap.connect("127.0.0.1", conf.imapPort())
            .login(BOB, PASSWORD)
            .select(TestIMAPClient.INBOX)
            .awaitMessageCount(Awaitility.await(), 1);
        return imap;
    }
}
