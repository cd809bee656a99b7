package org.jamesxmpp.it.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.util.Port;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real run command, ended by {@code kill -9} or by SIGTERM and started again on the same {@code --data}: users,
 * domains and INBOX (and its search index) are intact, and the mails waiting in RemoteDelivery's queue for an SMTP
 * server that was down and in XmppRemoteDelivery's queue for an XMPP peer (Prosody) that was down are each delivered
 * once when they come up, and none of the mails accepted just before the end (some still in the spool) is lost. James's XMPP listener takes {@code 127.0.0.3:5269}, Prosody {@code 127.0.0.2:5269}.
 * On the fresh {@code --data}, {@code openssl s_client -starttls xmpp-server} first checks that 5269 serves the bundled
 * {@code conf/keystore} over STARTTLS.
 */
class RunCommandRestartTest {
    private static final String PASSWORD = "secret";
    private static final String BOB = "bob@james.test";
    private static final String REMOTE = "carol@remote.example";
    private static final String XMPP_PEER_USER = "alice@" + RunConf.XMPP_PEER_DOMAIN;
    private static final String XMPP_SUBJECT = "to the XMPP peer";
    private static final Duration SEARCH_INDEX_COMMIT = Duration.ofSeconds(6);
    private static final int BURST = 30;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(RunCommandProcess.Ending.class)
    void storedAndQueuedMailShouldSurviveTheEndOfTheProcess(RunCommandProcess.Ending ending) throws Exception {
        if (!Files.isExecutable(ProsodyPeer.PROSODY)) {
            throw new IllegalStateException(ProsodyPeer.PROSODY + " is missing: install prosody (bin/test does)");
        }
        RunConf conf = RunConf.createForProsody(directory.resolve("conf"), RunConf.freePort());
        Path data = directory.resolve("data");
        WebAdmin webAdmin = new WebAdmin(conf.webAdminPort());

        try (RunCommandProcess first = RunCommandProcess.start(data, conf, directory.resolve("first.log"))) {
            webAdmin.addDomain("james.test");
            webAdmin.addUser(BOB, PASSWORD);
            assertTheBundledCertificateIsServedOverStartTls(conf);
            send(conf, "dave@example.org", BOB, "Subject: in the inbox\r\n\r\ndelivered before the end");
            send(conf, "dave@example.org", REMOTE, "Subject: to the remote server\r\n\r\nwaits in the outgoing queue");
            send(conf, BOB, XMPP_PEER_USER, "From: " + BOB + "\r\nSubject: " + XMPP_SUBJECT + "\r\n\r\nwaits in the XMPP queue");
            awaitInbox(conf, 1).close();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> webAdmin.queueSize("outgoing") == 1 && webAdmin.queueSize("xmpp-outgoing") == 1);
            // the search index is committed every 5 seconds: what it held that long is searchable after a crash
            Thread.sleep(SEARCH_INDEX_COMMIT.toMillis());
            // ended right after the last one is accepted: the spool still holds some of them
            for (int i = 0; i < BURST; i++) {
                send(conf, "dave@example.org", BOB, "Subject: burst " + i + "\r\n\r\naccepted just before the end");
            }

            first.end(ending);
        }

        try (SmtpSink remoteServer = new SmtpSink(conf.gatewayPort());
             ProsodyPeer xmppPeer = ProsodyPeer.builder(RunConf.XMPP_PEER_DOMAIN, RunConf.XMPP_PEER_ADDRESS)
                 .resolve("james.test", RunConf.JAMES_XMPP_ADDRESS)
                 .user("alice", PASSWORD)
                 .start();
             SmackClient alice = SmackClient.login(RunConf.XMPP_PEER_DOMAIN, xmppPeer.c2sAddress(), "alice", PASSWORD);
             RunCommandProcess second = RunCommandProcess.start(data, conf, directory.resolve("second.log"))) {
            assertThat(webAdmin.get("/domains")).contains("james.test");
            assertThat(webAdmin.get("/users")).contains(BOB);
            try (TestIMAPClient imap = awaitInbox(conf, 1 + BURST)) {
                assertThat(imap.readFirstMessage()).contains("delivered before the end");
                assertThat(imap.sendCommand("SEARCH SUBJECT inbox")).contains("* SEARCH 1");
                // a mail the spool was delivering at the end is handed out again: in the mailbox once all the same
                Thread.sleep(Duration.ofSeconds(5).toMillis());
                assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(1 + BURST);
                String subjects = imap.sendCommand("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
                for (int i = 0; i < BURST; i++) {
                    assertThat(subjects.split("Subject: burst " + i + "\r\n", -1)).as("burst " + i).hasSize(2);
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> !remoteServer.messages().isEmpty());
            List<Message> chats = alice.awaitMessages(message -> XMPP_SUBJECT.equals(message.getSubject()), 1,
                Duration.ofSeconds(60));
            assertThat(chats.get(0).getFrom().asBareJid().toString()).isEqualTo(BOB);
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            assertThat(remoteServer.messages()).hasSize(1);
            assertThat(remoteServer.messages().get(0)).contains("waits in the outgoing queue");
            assertThat(alice.received()).filteredOn(message -> XMPP_SUBJECT.equals(message.getSubject())).hasSize(1);
            assertThat(webAdmin.queueSize("outgoing")).isZero();
            assertThat(webAdmin.queueSize("xmpp-outgoing")).isZero();
        }
    }

    /** A fresh {@code --data} with the shipped conf: STARTTLS on 5269 completes with the bundled conf/keystore. */
    private static void assertTheBundledCertificateIsServedOverStartTls(RunConf conf) throws Exception {
        OpensslStartTls.Handshake handshake = OpensslStartTls.handshake(conf.xmppListener(), "james.test");

        assertThat(handshake.certificate()).isEqualTo(OpensslStartTls.bundledCertificate(RunConf.repositoryConf()));
        assertThat(handshake.output()).contains("New, TLSv1.3");
    }

    /** Over port 25 from 127.0.0.1, which may relay (James's authorized network). */
    private static void send(RunConf conf, String from, String to, String message) throws Exception {
        try (SMTPMessageSender smtp = new SMTPMessageSender("example.org")) {
            smtp.connect("127.0.0.1", Port.of(conf.smtpPort()))
                .sendMessageWithHeaders(from, to, message);
        }
    }

    private static TestIMAPClient awaitInbox(RunConf conf, int messages) throws Exception {
        TestIMAPClient imap = new TestIMAPClient();
        imap.connect("127.0.0.1", conf.imapPort())
            .login(BOB, PASSWORD)
            .select(TestIMAPClient.INBOX);
        Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> imap.getMessageCount(TestIMAPClient.INBOX) >= messages);
        return imap;
    }
}
