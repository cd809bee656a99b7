package org.jamesxmpp.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;


/**
 * bob submits mail by authenticated SMTP; recipients on a Prosody peer get it over s2s, failures come back to
 * bob's INBOX as DSNs. a.test runs on 127.0.0.2; b.test (127.0.0.5) is routed but down.
 */
class OutboundDeliveryTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "a.test";
    private static final String PEER_ADDRESS = "127.0.0.2";
    private static final String DOWN_DOMAIN = "b.test";
    private static final String DOWN_ADDRESS = "127.0.0.5";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(40));

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static ProsodyPeer prosody;

    private SmackClient alice;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .user("eve", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopProsody() {
        prosody.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        users(server).ensureDomain();
        alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
    }

    @AfterEach
    void tearDown() {
        alice.close();
    }

    private static JamesUsers users(GuiceJamesServer server) {
        return new JamesUsers(server, JAMES_DOMAIN, PASSWORD);
    }

    private static String newUser(GuiceJamesServer server, String localPart) throws Exception {
        return users(server).create(localPart);
    }

    private static void submit(GuiceJamesServer server, String from, String to, String message) throws Exception {
        users(server).submit(from, to, message);
    }

    private static TestIMAPClient imap(GuiceJamesServer server, String user) throws Exception {
        return users(server).imap(user);
    }

    private static ImapMessages reader(GuiceJamesServer server, String user) throws Exception {
        return users(server).reader(user);
    }

    @Test
    void mailToAnXmppUserShouldReachHerClientAndHerReplyShouldThreadInImap(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-lunch");

        submit(server, bob, "alice@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: alice@a.test\r\n"
            + "Message-ID: <lunch-1@james.test>\r\nSubject: Lunch?\r\n\r\nShall we meet at noon?\r\n");

        List<Message> received = alice.awaitMessages(m -> "Lunch?".equals(m.getSubject()), 1, Duration.ofSeconds(40));
        Message lunch = received.get(0);
        assertThat(lunch.getFrom().asBareJid().toString()).isEqualTo(bob);
        assertThat(lunch.getBody()).contains("Shall we meet at noon?");

        alice.send(StanzaBuilder.buildMessage("reply-1")
            .to(JidCreate.from(bob))
            .ofType(Message.Type.normal)
            .setSubject("Re: Lunch?")
            .setBody("Yes, see you there")
            .setThread(lunch.getThread())
            .addExtension(new ReplyElement(Optional.of(JidCreate.from(bob)), lunch.getStanzaId()))
            .build());

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            String reply = reader(server, bob).text(TestIMAPClient.INBOX, 1);
            assertThat(reply)
                .containsPattern("(?m)^In-Reply-To: <lunch-1@james\\.test>")
                .contains("Yes, see you there");
        }
    }

    @Test
    void textRightAfterTheHeadersWithoutABlankLineShouldReachTheClient(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-nogap");

        submit(server, bob, "alice@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: alice@a.test\r\n"
            + "Subject: No gap\r\nDear Alice, no blank line above me.\r\nStill here.\r\n");

        Message received = alice.awaitMessages(m -> "No gap".equals(m.getSubject()), 1, Duration.ofSeconds(40)).get(0);
        assertThat(received.getBody()).contains("Dear Alice, no blank line above me.", "Still here.");
    }

    @Test
    void aBccRecipientShouldBeNamedOnlyInItsOwnStanza(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-bcc");

        try (SmackClient eve = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "eve", PASSWORD);
             SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of("alice@" + PEER_DOMAIN, "eve@" + PEER_DOMAIN),
                    "From: " + bob + "\r\nTo: alice@a.test\r\nSubject: Secret santa\r\n\r\nGuess who\r\n");

            Message forAlice = alice.awaitMessages(m -> "Secret santa".equals(m.getSubject()), 1, Duration.ofSeconds(40)).get(0);
            Message forEve = eve.awaitMessages(m -> "Secret santa".equals(m.getSubject()), 1, Duration.ofSeconds(40)).get(0);

            assertThat(forAlice.toXML().toString()).doesNotContain("eve@");
            assertThat(MultipleAddressesElement.from(forEve).getAddresses(AddressType.BCC))
                .extracting(entry -> entry.jid().get().toString())
                .containsExactly("eve@" + PEER_DOMAIN);
            assertThat(MultipleAddressesElement.from(forEve).getAddresses(AddressType.TO))
                .extracting(entry -> entry.jid().get().toString())
                .containsExactly("alice@" + PEER_DOMAIN);
        }
    }

    @Test
    void mixedRecipientsShouldEachTakeTheirOwnPath(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-mixed");
        String carol = newUser(server, "carol-mixed");

        try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of("alice@" + PEER_DOMAIN, carol, "dave@smtp-only.test"),
                    "From: " + bob + "\r\nTo: alice@a.test, " + carol + ", dave@smtp-only.test\r\n"
                        + "Subject: Team lunch\r\n\r\nEveryone welcome\r\n");
        }

        // XMPP for alice, the mailbox for carol, SMTP for dave (whose domain has no mail server: James bounces it)
        assertThat(alice.awaitMessages(m -> "Team lunch".equals(m.getSubject()), 1, Duration.ofSeconds(40))).hasSize(1);
        try (TestIMAPClient imap = imap(server, carol)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            assertThat(reader(server, carol).text(TestIMAPClient.INBOX, 1)).contains("Everyone welcome");
        }
        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            String bounce = reader(server, bob).text(TestIMAPClient.INBOX, 1);
            assertThat(bounce)
                .contains("dave@smtp-only.test")
                .doesNotContain("Final-Recipient: rfc822; alice@a.test")
                .doesNotContain("Final-Recipient: rfc822; " + carol);
        }
    }

    @Test
    void mailToAUserThePeerDoesNotKnowShouldComeBackAsADsn(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-unknown");

        submit(server, bob, "nobody@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: nobody@a.test\r\n"
            + "Subject: Anyone?\r\n\r\nHello?\r\n");

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            String dsn = reader(server, bob).text(TestIMAPClient.INBOX, 1);
            assertThat(dsn)
                .contains("multipart/report")
                .contains("Final-Recipient: rfc822; nobody@a.test")
                .contains("Action: failed")
                .containsPattern("Status: 5\\.\\d\\.\\d")
                .contains("service-unavailable");
        }
    }

    @Test
    void mailToAPeerThatComesBackShouldBeDeliveredOnceByARetry(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-retry");

        submit(server, bob, "dora@" + DOWN_DOMAIN, "From: " + bob + "\r\nTo: dora@b.test\r\n"
            + "Subject: Back online?\r\n\r\nTell me when you are back\r\n");
        // the first attempt finds b.test down; the peer comes up before the retries run out (2 s, 2 s, 4 s)
        Thread.sleep(1000);
        try (ProsodyPeer comeback = ProsodyPeer.builder(DOWN_DOMAIN, DOWN_ADDRESS)
                .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
                .user("dora", PASSWORD)
                .start();
             SmackClient dora = SmackClient.login(DOWN_DOMAIN, comeback.c2sAddress(), "dora", PASSWORD)) {
            List<Message> received = dora.awaitMessages(m -> "Back online?".equals(m.getSubject()), 1, Duration.ofSeconds(40));
            assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(bob);

            Thread.sleep(3000);
            assertThat(dora.received()).filteredOn(m -> "Back online?".equals(m.getSubject())).hasSize(1);
        }
        try (TestIMAPClient imap = imap(server, bob)) {
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isZero();
        }
    }

    @Test
    void mailToAPeerThatStaysDownShouldComeBackAsADsnAfterTheRetries(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-down");

        submit(server, bob, "carol@" + DOWN_DOMAIN, "From: " + bob + "\r\nTo: carol@b.test\r\n"
            + "Subject: Are you up?\r\n\r\nPing\r\n");

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            String dsn = reader(server, bob).text(TestIMAPClient.INBOX, 1);
            assertThat(dsn)
                .contains("Final-Recipient: rfc822; carol@b.test")
                .contains("Action: failed")
                .contains("gave up after")
                .contains("remote-server-not-found");
        }
    }
}
