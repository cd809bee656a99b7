package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.it.outbound.SmtpSink;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Mail arriving for a user with an online XMPP client reaches the client as a notice (the default
 * {@code c2s/mailToClient}), and the client's reply answers the mail, threaded. Real James in-process, a Smack client,
 * mail in over James's SMTP port; the reply to mailonly.test leaves to the test pipeline's SMTP sink on
 * 127.0.62.25:2525 (shared with C2sClientTest, never at the same time: integration tests run under one lock).
 */
class C2sMailPushTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String ERIN = "erin@mailonly.test";
    private static final InetSocketAddress SINK = new InetSocketAddress("127.0.62.25", 2525);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(TIMEOUT);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static SmtpSink sink;

    @BeforeAll
    static void startSink(GuiceJamesServer server) throws Exception {
        users(server).mail().ensureDomain();
        sink = new SmtpSink(SINK);
    }

    @AfterAll
    static void stopSink() throws Exception {
        sink.close();
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    private static void mailFromErin(GuiceJamesServer server, String to, String headersAndBody) throws Exception {
        try (SMTPMessageSender smtp = new SMTPMessageSender("mailonly.test")) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .sendMessageWithHeaders(ERIN, to, "From: Erin <" + ERIN + ">\r\nTo: " + to + "\r\n" + headersAndBody);
        }
    }

    @Test
    void mailToAnOnlineUserShouldReachTheClientAsANoticeAndTheReplyShouldAnswerTheMailThreaded(GuiceJamesServer server)
        throws Exception {
        String bob = users(server).mail().create("bob-push");

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            mailFromErin(server, bob, "Subject: Quarterly report\r\nMessage-ID: <q1.report@mailonly.test>\r\n\r\n"
                + "Please review the figures.\r\n");

            Message notice = bobClient.awaitMessages(message -> "Quarterly report".equals(message.getSubject()), 1, TIMEOUT)
                .get(0);
            assertThat(notice.getFrom().toString()).isEqualTo(ERIN);
            assertThat(notice.getStanzaId()).isEqualTo("q1.report@mailonly.test");
            assertThat(notice.getBody()).contains("Erin <" + ERIN + ">", "Quarterly report")
                .doesNotContain("Please review");

            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(ERIN))
                .ofType(notice.getType())
                .setThread(notice.getThread())
                .setBody("The figures look good.")
                .addExtension(StandardExtensionElement.builder("reply", "urn:xmpp:reply:0")
                    .addAttribute("id", notice.getStanzaId())
                    .addAttribute("to", ERIN)
                    .build())
                .build());

            AWAIT.untilAsserted(() -> assertThat(sink.received())
                .anyMatch(mail -> mail.data().contains("The figures look good.")));
        }
        SmtpSink.Received reply = sink.received().stream()
            .filter(mail -> mail.data().contains("The figures look good."))
            .findFirst().orElseThrow();
        assertThat(reply.sender()).isEqualTo("<" + bob + ">");
        assertThat(reply.recipients()).containsExactly("<" + ERIN + ">");
        assertThat(reply.data())
            .containsPattern("(?m)^In-Reply-To: <q1\\.report@mailonly\\.test>")
            .containsPattern("(?m)^References: .*<q1\\.report@mailonly\\.test>");
        try (TestIMAPClient imap = users(server).mail().imap(bob)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("INBOX")).isEqualTo(1));
        }
    }

    @Test
    void messageFromAnXmppUserShouldReachTheClientOnceNotAgainAsANotice(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-once");
        String carol = users(server).mail().create("carol-once");

        try (SmackClient bobClient = users(server).login(bob, "laptop");
             SmackClient carolClient = users(server).login(carol, "phone")) {
            carolClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(bob))
                .ofType(Message.Type.normal)
                .setSubject("from xmpp")
                .setBody("a normal message, filed in INBOX")
                .build());
            C2sTestUsers.awaitBody(bobClient, "a normal message, filed in INBOX", TIMEOUT);
            try (TestIMAPClient imap = users(server).mail().imap(bob)) {
                AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("INBOX")).isEqualTo(1));
            }
            mailFromErin(server, bob, "Subject: marker\r\n\r\nafter the XMPP message\r\n");
            bobClient.awaitMessages(message -> "marker".equals(message.getSubject()), 1, TIMEOUT);

            assertThat(bobClient.received()).filteredOn(message -> "from xmpp".equals(message.getSubject())).hasSize(1);
        }
    }
}
