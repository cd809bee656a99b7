package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.it.outbound.SmtpSink;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;


/**
 * James users log into our client listener with their mail password, with real clients (Smack, slixmpp), and write
 * to a local user, to a Prosody user over s2s and to a mail-only address (an SMTP sink). Addresses: c2s on
 * 127.0.62.1 (a free port), James s2s on 127.0.62.3:5269, Prosody ({@value #PEER_DOMAIN}) on 127.0.62.2, SMTP sink
 * on 127.0.62.25:2525 (the test mailetcontainer.xml routes mailonly.test there).
 */
class C2sClientTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String PEER_DOMAIN = "c2speer.test";
    private static final String PEER_ADDRESS = "127.0.62.2";
    private static final String JAMES_S2S_ADDRESS = "127.0.62.3";
    private static final InetSocketAddress SINK = new InetSocketAddress("127.0.62.25", 2525);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(TIMEOUT);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(
        C2sTestUsers.s2sOnOwnAddresses(JAMES_S2S_ADDRESS, PEER_DOMAIN, PEER_ADDRESS));

    private static ProsodyPeer prosody;
    private static SmtpSink sink;

    @BeforeAll
    static void startPeers(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(DOMAIN, JAMES_S2S_ADDRESS)
            .user("alice", PASSWORD)
            .start();
        sink = new SmtpSink(SINK);
    }

    @AfterAll
    static void stopPeers() throws Exception {
        prosody.close();
        sink.close();
    }

    private static JamesUsers users(GuiceJamesServer server) {
        return new JamesUsers(server, DOMAIN, PASSWORD);
    }

    private static InetSocketAddress c2s(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD).c2s();
    }

    private static SmackClient login(GuiceJamesServer server, String user, String resource) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD).login(user, resource);
    }

    private static String localPart(String user) {
        return C2sTestUsers.localPart(user);
    }

    private static Message chat(String to, String body) throws Exception {
        return C2sTestUsers.chat(to, body);
    }

    private static List<Message> awaitBody(SmackClient client, String body) {
        return C2sTestUsers.awaitBody(client, body, TIMEOUT);
    }

    @Test
    void smackShouldLogInWithTheMailPasswordOverStartTls(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-login");

        try (SmackClient client = login(server, bob, "phone")) {
            assertThat(client.fullJid()).isEqualTo(bob + "/phone");
        }
    }

    @Test
    void smackShouldEnableStreamManagementAndGetItsStanzasAcknowledged(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-sm");

        try (SmackClient client = login(server, bob, "phone")) {
            XMPPTCPConnection connection = client.connection();
            assertThat(connection.isSmEnabled()).isTrue();
            assertThat(connection.isSmResumptionPossible()).as("resumption offered").isTrue();
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            connection.addStanzaAcknowledgedListener(stanza -> acknowledged.add(stanza.getStanzaId()));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(client.sendMessage(bob, "note " + i).getStanzaId());
            }

            connection.requestSmAcknowledgement();

            AWAIT.untilAsserted(() -> assertThat(acknowledged).containsAll(sent));
            assertThat(client.isConnected()).as("our counts agree with Smack's").isTrue();
        }
    }

    @Test
    void wrongPasswordShouldBeRefusedAsNotAuthorized(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-wrong");
        XMPPTCPConnection connection = SmackClient.connectionOverTls(DOMAIN, c2s(server), localPart(bob), "not-" + PASSWORD,
            "phone");
        try {
            connection.connect();
            assertThatThrownBy(connection::login)
                .isInstanceOf(SASLErrorException.class)
                .hasMessageContaining("not-authorized");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void authenticationWithoutTlsShouldBeRefused(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-plain");
        String response = Base64.getEncoder().encodeToString(("\u0000" + localPart(bob) + "\u0000" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

        try (RawClientStream stream = new RawClientStream(c2s(server))) {
            String features = stream.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams' to='" + DOMAIN + "' version='1.0'>")
                .readUntil("</stream:features>");
            assertThat(features).contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>")
                .doesNotContain("<mechanism>");

            String answer = stream.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + response + "</auth>")
                .readUntil("</failure>");
            assertThat(answer).contains("<encryption-required/>").doesNotContain("<success");
        }
    }

    @Test
    void chatToLocalUserShouldReachTheirClientAndTheirChatsFolder(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-local");
        String carol = users(server).create("carol-local");

        try (SmackClient bobClient = login(server, bob, "laptop");
             SmackClient carolClient = login(server, carol, "phone")) {
            bobClient.send(chat(carol, "lunch at noon?"));

            Message received = awaitBody(carolClient, "lunch at noon?").get(0);
            assertThat(received.getFrom().toString()).isEqualTo(bob + "/laptop");
            try (TestIMAPClient imap = users(server).imap(carol)) {
                AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(1));
            }
            assertThat(users(server).reader(carol).text("Chats", 1))
                .containsPattern("(?m)^From: .*" + bob)
                .contains("lunch at noon?");
        }
    }

    @Test
    void spoofedFromShouldEndTheStreamAndReachNobody(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-spoof");
        String carol = users(server).create("carol-spoof");
        String dave = users(server).create("dave-spoof");

        try (SmackClient bobClient = login(server, bob, "laptop").keepingFromAddresses();
             SmackClient daveClient = login(server, dave, "phone")) {
            bobClient.send(StanzaBuilder.buildMessage()
                .from(JidCreate.from(carol))
                .to(JidCreate.from(dave))
                .ofType(Message.Type.chat)
                .setBody("I am carol")
                .build());

            AWAIT.untilAsserted(() -> assertThat(bobClient.isConnected()).isFalse());
            daveClient.send(chat(dave, "marker"));
            awaitBody(daveClient, "marker");
            assertThat(daveClient.received()).noneMatch(message -> "I am carol".equals(message.getBody()));
        }
    }

    @Test
    void messageToMailOnlyAddressShouldLeaveBySmtpFromTheUser(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-mail");

        try (SmackClient bobClient = login(server, bob, "laptop")) {
            bobClient.send(chat("erin@mailonly.test", "this one goes by mail"));

            AWAIT.untilAsserted(() -> assertThat(sink.received())
                .anyMatch(mail -> mail.data().contains("this one goes by mail")));
        }
        SmtpSink.Received mail = sink.received().stream()
            .filter(received -> received.data().contains("this one goes by mail"))
            .findFirst().orElseThrow();
        assertThat(mail.sender()).isEqualTo("<" + bob + ">");
        assertThat(mail.recipients()).containsExactly("<erin@mailonly.test>");
        assertThat(mail.data()).containsPattern("(?m)^From: .*" + bob)
            .as("the login is recorded like SMTP AUTH, not as a peer server's")
            .containsPattern("(?m)^Authentication-Results: [^;]+; auth=pass \\(xmpp c2s, sasl-plain, TLS\\)\\r?\\n?\\s*smtp\\.auth="
                + bob.replace(".", "\\."));
    }

    @Test
    void replyByMailToAMessageThatLeftAsMailShouldReachTheClient(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-mailreply");

        try (SmackClient bobClient = login(server, bob, "laptop")) {
            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from("erin@mailonly.test"))
                .ofType(Message.Type.normal)
                .setSubject("Dinner")
                .setBody("are you free on friday?")
                .build());
            AWAIT.untilAsserted(() -> assertThat(sink.received())
                .anyMatch(mail -> mail.data().contains("are you free on friday?")));
            String sent = sink.received().stream()
                .filter(mail -> mail.data().contains("are you free on friday?"))
                .findFirst().orElseThrow().data();
            Matcher messageId = Pattern.compile("(?mi)^Message-ID:\\s*(<[^>]+>)").matcher(sent);
            assertThat(messageId.find()).as("the mail has a Message-ID").isTrue();

            try (SMTPMessageSender smtp = new SMTPMessageSender("mailonly.test")) {
                smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                    .sendMessageWithHeaders("erin@mailonly.test", bob, "From: Erin <erin@mailonly.test>\r\nTo: " + bob
                        + "\r\nSubject: Re: Dinner\r\nIn-Reply-To: " + messageId.group(1) + "\r\nReferences: "
                        + messageId.group(1) + "\r\n\r\nFriday works.\r\n");
            }

            Message reply = bobClient.awaitMessages(message -> "Re: Dinner".equals(message.getSubject()), 1, TIMEOUT).get(0);
            assertThat(reply.getFrom().toString()).isEqualTo("erin@mailonly.test");
        }
    }

    @Test
    void chatWithProsodyUserShouldWorkBothWays(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-remote");
        String alice = "alice@" + PEER_DOMAIN;

        try (SmackClient bobClient = login(server, bob, "laptop");
             SmackClient aliceClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD)) {
            bobClient.send(chat(alice, "hello over s2s"));
            Message atAlice = awaitBody(aliceClient, "hello over s2s").get(0);
            assertThat(atAlice.getFrom().toString()).isEqualTo(bob + "/laptop");

            aliceClient.send(chat(atAlice.getFrom().toString(), "hello back"));
            Message atBob = awaitBody(bobClient, "hello back").get(0);
            assertThat(atBob.getFrom().asBareJid().toString()).isEqualTo(alice);
        }
        try (TestIMAPClient imap = users(server).imap(bob)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(2));
        }
    }

    @Test
    void slixmppShouldLogInAndChatWithASmackUser(GuiceJamesServer server) throws Exception {
        String frank = users(server).create("frank-slix");
        String grace = users(server).create("grace-slix");

        try (SmackClient graceClient = login(server, grace, "desk");
             SlixmppClient frankClient = SlixmppClient.start(frank + "/slix", PASSWORD, c2s(server), grace, "hi from slixmpp",
                 TIMEOUT)) {
            Message atGrace = awaitBody(graceClient, "hi from slixmpp").get(0);
            assertThat(atGrace.getFrom().toString()).isEqualTo(frank + "/slix");
            graceClient.send(chat(atGrace.getFrom().toString(), "hi from smack"));

            assertThat(frankClient.awaitExit(TIMEOUT.plusSeconds(10)))
                .contains("SESSION " + frank + "/slix", "SENT", "RECEIVED " + grace + "/desk hi from smack");
        }
    }

    @Test
    void slixmppWithWrongPasswordShouldFailAuthentication(GuiceJamesServer server) throws Exception {
        String frank = users(server).create("frank-wrong");

        try (SlixmppClient client = SlixmppClient.start(frank, "not-" + PASSWORD, c2s(server), frank, "never sent", TIMEOUT)) {
            assertThat(client.awaitExit(TIMEOUT.plusSeconds(10)))
                .contains("FAILED_AUTH")
                .noneMatch(line -> line.startsWith("SESSION"));
        }
    }
}
