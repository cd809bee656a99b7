package org.jamesxmpp.it.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.util.Port;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.guice.jpa.JpaJamesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent server in-process, stopped and started again on the same data directory. */
class PersistentServerRestartTest {
    private static final String PASSWORD = "secret";
    private static final String BOB = "bob@james.test";

    @TempDir
    Path data;

    private GuiceJamesServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void usersDomainsAndMailShouldSurviveARestart() throws Exception {
        RunConf conf = RunConf.create(data.resolve("conf"), RunConf.freePort());
        server = start();
        new WebAdmin(conf.webAdminPort()).addDomain("james.test");
        new WebAdmin(conf.webAdminPort()).addUser(BOB, PASSWORD);
        try (SMTPMessageSender smtp = new SMTPMessageSender("example.org")) {
            smtp.connect("127.0.0.1", Port.of(conf.smtpPort()))
                .sendMessageWithHeaders("alice@example.org", BOB, "Subject: kept\r\n\r\nstill here after a restart");
        }
        awaitInbox(conf, 1);
        server.stop();

        server = start();

        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        assertThat(data.listDomains()).contains("james.test");
        assertThat(data.listUsers()).containsExactly(BOB);
        try (TestIMAPClient imap = awaitInbox(conf, 1)) {
            assertThat(imap.readFirstMessage()).contains("Subject: kept", "still here after a restart");
            assertThat(imap.sendCommand("SEARCH SUBJECT kept")).contains("* SEARCH 1");
        }
    }

    private GuiceJamesServer start() throws Exception {
        System.setProperty("derby.stream.error.file", data.resolve("derby.log").toString());
        GuiceJamesServer started = JpaJamesServer.create(Configuration.builder().workingDirectory(data.toFile()).build());
        started.start();
        return started;
    }

    private TestIMAPClient awaitInbox(RunConf conf, int messages) throws Exception {
        TestIMAPClient imap = new TestIMAPClient();
        imap.connect("127.0.0.1", conf.imapPort())
            .login(BOB, PASSWORD)
            .select(TestIMAPClient.INBOX)
            .awaitMessageCount(Awaitility.await(), messages);
        return imap;
    }
}
