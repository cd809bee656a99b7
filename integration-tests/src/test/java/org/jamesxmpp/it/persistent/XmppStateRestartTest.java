package org.jamesxmpp.it.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.internet.MimeMessage;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.util.Port;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.guice.jpa.JpaJamesServer;
import org.jamesxmpp.it.ImapMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XMPP extension's own state across a restart of the persistent server (in-process, the repository's
 * {@code conf/}, embedded Derby), with a raw-socket peer for {@code a.test} that acknowledges every stanza (XEP-0198)
 * and speaks when the test says: a late error for a stanza acknowledged before the restart, a stanza re-sent after
 * it, replies on both sides. James's listener and the peer are on free ports of 127.0.0.1.
 */
class XmppStateRestartTest {
    private static final String BOB = "bob@james.test";
    private static final String CAROL = "carol@a.test";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(60));
    private static final Pattern THREAD = Pattern.compile("<thread[^>]*>([^<]+)</thread>");

    @TempDir
    Path data;

    private RunConf conf;
    private DialbackPeer peer;
    private GuiceJamesServer server;

    @BeforeEach
    void setUp() throws Exception {
        conf = RunConf.create(data.resolve("conf"), RunConf.freePort());
        peer = DialbackPeer.start(RunConf.XMPP_PEER_DOMAIN, conf.xmppPeer());
        server = start();
        new WebAdmin(conf.webAdminPort()).addDomain("james.test");
        new WebAdmin(conf.webAdminPort()).addUser(BOB, PASSWORD);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.stop();
        peer.close();
    }

    private GuiceJamesServer start() throws Exception {
        GuiceJamesServer started = JpaJamesServer.create(Configuration.builder().workingDirectory(data.toFile()).build())
            .combineWith(LateErrorRowsProbe.MODULE);
        started.start();
        return started;
    }

    private void restart() throws Exception {
        server.stop();
        server = start();
    }

    @Test
    void lateErrorForAStanzaAcknowledgedBeforeARestartShouldBecomeADsnNamingRecipientAndReason() throws Exception {
        submit("Message-ID: <late-1@james.test>\r\nSubject: Before the restart\r\n\r\nHello Carol");
        String stanza = awaitStanza("Before the restart");
        AWAIT.until(() -> server.getProbe(LateErrorRowsProbe.class).rows() == 1
            && new WebAdmin(conf.webAdminPort()).queueSize("xmpp-outgoing") == 0);

        restart();
        peer.sendToJames(conf.xmppListener(), "james.test", "<message type='error' id='" + DialbackPeer.id(stanza).get()
            + "' from='" + CAROL + "' to='" + BOB + "'><error type='cancel'>"
            + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");

        try (TestIMAPClient imap = inbox(1)) {
            assertThat(imap.readFirstMessage())
                .contains("multipart/report")
                .contains("Final-Recipient: rfc822; " + CAROL)
                .contains("Action: failed")
                .containsPattern("Status: 5\\.\\d\\.\\d")
                .contains("item-not-found")
                .contains("Subject: Before the restart")
                .doesNotContain("Hello Carol");
        }
        assertThat(server.getProbe(LateErrorRowsProbe.class).rows()).isZero();
    }

    @Test
    void mailQueuedForXmppWhenJamesStopsShouldBeDeliveredOnceAfterTheRestart() throws Exception {
        peer.close();
        submit("Message-ID: <queued-1@james.test>\r\nSubject: Queued over the restart\r\n\r\nStill coming");
        AWAIT.until(() -> new WebAdmin(conf.webAdminPort()).queueSize("xmpp-outgoing") == 1);
        Thread.sleep(3_000);
        assertThat(new WebAdmin(conf.webAdminPort()).queueSize("xmpp-outgoing")).as("waiting for a retry").isEqualTo(1);

        server.stop();
        peer = DialbackPeer.start(RunConf.XMPP_PEER_DOMAIN, conf.xmppPeer());
        server = start();

        awaitStanza("Queued over the restart");
        AWAIT.during(Duration.ofSeconds(5)).until(() -> peer.received().stream()
            .filter(stanza -> stanza.contains(">Queued over the restart<")).count() == 1);
        AWAIT.until(() -> new WebAdmin(conf.webAdminPort()).queueSize("xmpp-outgoing") == 0);
        try (TestIMAPClient imap = new TestIMAPClient()) {
            imap.connect("127.0.0.1", conf.imapPort()).login(BOB, PASSWORD).select(TestIMAPClient.INBOX);
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).as("no DSN").isZero();
        }
    }

    @Test
    void stanzaResentAfterARestartShouldNotBeDeliveredTwice() throws Exception {
        String once = inbound("dup-1", "Once", "only once, although sent again after a restart");
        peer.sendToJames(conf.xmppListener(), "james.test", once);
        inbox(1).close();

        restart();
        peer.sendToJames(conf.xmppListener(), "james.test", once,
            inbound("marker-1", "Marker", "sent after the duplicate"));

        try (TestIMAPClient imap = inbox(2)) {
            AWAIT.during(Duration.ofSeconds(3)).until(() -> imap.getMessageCount(TestIMAPClient.INBOX) == 2);
        }
        try (ImapMessages messages = ImapMessages.login(conf.imapPort(), BOB, PASSWORD)) {
            assertThat(List.of(messages.text(TestIMAPClient.INBOX, 1), messages.text(TestIMAPClient.INBOX, 2)))
                .anySatisfy(text -> assertThat(text).contains("only once, although sent again after a restart"))
                .anySatisfy(text -> assertThat(text).contains("sent after the duplicate"));
        }
    }

    @Test
    void replyFromEitherSideShouldThreadAcrossARestart() throws Exception {
        submit("Message-ID: <root-1@james.test>\r\nSubject: Lunch\r\n\r\nLunch at noon?");
        String bobsThread = thread(awaitStanza("Lunch"));
        peer.sendToJames(conf.xmppListener(), "james.test", "<message type='normal' id='carol-1' from='" + CAROL
            + "' to='" + BOB + "'><thread>carol-thread-7</thread><subject>Dinner</subject><body>Dinner?</body></message>");
        inbox(1).close();
        MimeMessage carolsMessage;
        try (ImapMessages messages = ImapMessages.login(conf.imapPort(), BOB, PASSWORD)) {
            carolsMessage = messages.parsed(TestIMAPClient.INBOX, 1);
        }

        restart();
        peer.sendToJames(conf.xmppListener(), "james.test", "<message type='normal' id='carol-2' from='" + CAROL
            + "' to='" + BOB + "'><thread>" + bobsThread + "</thread><subject>Re: Lunch</subject><body>Yes!</body></message>");
        String references = Optional.ofNullable(carolsMessage.getHeader("References", " ")).orElse("");
        submit("Message-ID: <reply-1@james.test>\r\nIn-Reply-To: " + carolsMessage.getMessageID() + "\r\nReferences: "
            + references + " " + carolsMessage.getMessageID() + "\r\nSubject: Re: Dinner\r\n\r\nDinner it is");

        assertThat(bobsThread).isEqualTo("root-1@james.test");
        assertThat(thread(awaitStanza("Re: Dinner"))).as("bob's mail reply in carol's XMPP thread").isEqualTo("carol-thread-7");
        inbox(2).close();
        try (ImapMessages messages = ImapMessages.login(conf.imapPort(), BOB, PASSWORD)) {
            MimeMessage reply = messages.parsed(TestIMAPClient.INBOX, 2);
            assertThat(reply.getSubject()).isEqualTo("Re: Lunch");
            assertThat(reply.getHeader("In-Reply-To", " ") + " " + reply.getHeader("References", " "))
                .as("carol's XMPP reply in bob's mail thread").contains("<root-1@james.test>");
        }
    }

    private static String inbound(String id, String subject, String body) {
        return "<message type='normal' id='" + id + "' from='" + CAROL + "' to='" + BOB + "'><subject>" + subject
            + "</subject><body>" + body + "</body></message>";
    }

    private static String thread(String stanza) {
        Matcher matcher = THREAD.matcher(stanza);
        assertThat(matcher.find()).as("a thread in " + stanza).isTrue();
        return matcher.group(1);
    }

    /** From bob to carol, over port 25 from 127.0.0.1 (James's authorized network). */
    private void submit(String headersAndBody) throws Exception {
        try (SMTPMessageSender smtp = new SMTPMessageSender("james.test")) {
            smtp.connect("127.0.0.1", Port.of(conf.smtpPort()))
                .sendMessageWithHeaders(BOB, CAROL, "From: " + BOB + "\r\nTo: " + CAROL + "\r\n" + headersAndBody);
        }
    }

    private String awaitStanza(String subject) {
        return AWAIT.until(() -> peer.received().stream().filter(stanza -> stanza.contains(">" + subject + "<")).findFirst(),
            Optional::isPresent).get();
    }

    private TestIMAPClient inbox(int messages) throws Exception {
        TestIMAPClient imap = new TestIMAPClient();
        imap.connect("127.0.0.1", conf.imapPort())
            .login(BOB, PASSWORD)
            .select(TestIMAPClient.INBOX)
            .awaitMessageCount(AWAIT, messages);
        return imap;
    }
}
