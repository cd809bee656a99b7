package org.jamesxmpp.it.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.xhtmlim.packet.XHTMLExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** A Prosody user writes to James users over s2s; IMAP shows what arrived. */
class InboundDeliveryTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "a.test";
    private static final String PEER_ADDRESS = "127.0.0.2";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(30));

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static ProsodyPeer prosody;

    private SmackClient alice;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
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

    private static TestIMAPClient imap(GuiceJamesServer server, String user) throws Exception {
        return users(server).imap(user);
    }

    private static ImapMessages reader(GuiceJamesServer server, String user) throws Exception {
        return users(server).reader(user);
    }

    private Message message(String to, Message.Type type, String subject, String body, String id) throws Exception {
        MessageBuilder builder = StanzaBuilder.buildMessage(id)
            .to(JidCreate.from(to))
            .ofType(type)
            .setBody(body);
        if (subject != null) {
            builder.setSubject(subject);
        }
        return builder.build();
    }

    @Test
    void normalMessageShouldReachInboxWithHeadersAndAuthenticationResults(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-normal");

        alice.send(message(bob, Message.Type.normal, "Lunch?", "Shall we have lunch at noon?", "normal-1"));

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            String mail = reader(server, bob).text(TestIMAPClient.INBOX, 1);
            assertThat(mail)
                .containsPattern("(?m)^From: .*alice@a\\.test")
                .containsPattern("(?m)^Subject: Lunch\\?")
                .containsPattern("(?m)^Date: ")
                .containsPattern("(?m)^Authentication-Results: .*dialback")
                .containsPattern("(?m)^Received: from a\\.test \\(127\\.0\\.0\\.1\\) by .* with XMPP id ")
                .contains("Shall we have lunch at noon?");
        }
    }

    @Test
    void sameStanzaTwiceShouldArriveOnceAndTheSameIdWithOtherContentShouldArriveToo(GuiceJamesServer server)
        throws Exception {
        String bob = newUser(server, "bob-dedup");
        Message first = message(bob, Message.Type.normal, "Dedup", "the first content", "dedup-1");

        alice.send(first);
        alice.send(first);
        alice.send(message(bob, Message.Type.normal, "Dedup", "other content under the same id", "dedup-1"));

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 2);
            AWAIT.during(Duration.ofSeconds(3)).until(() -> imap.getMessageCount(TestIMAPClient.INBOX) == 2);
            String both = reader(server, bob).text(TestIMAPClient.INBOX, 1) + reader(server, bob).text(TestIMAPClient.INBOX, 2);
            assertThat(both).containsOnlyOnce("the first content").containsOnlyOnce("other content under the same id");
        }
    }

    @Test
    void chatMessageShouldBeFiledInChatsNotInbox(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-chat");

        alice.send(message(bob, Message.Type.chat, null, "hi, are you there?", "chat-1"));

        try (TestIMAPClient imap = imap(server, bob)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(1));
            assertThat(reader(server, bob).text("Chats", 1)).contains("hi, are you there?");
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isZero();
        }
    }

    @Test
    void messageToUnknownUserShouldComeBackAsServiceUnavailable() throws Exception {
        alice.send(message("nobody@" + JAMES_DOMAIN, Message.Type.normal, "hello", "anyone?", "unknown-1"));

        List<Message> errors = alice.awaitMessages(m -> m.getType() == Message.Type.error && "unknown-1".equals(m.getStanzaId()),
            1, Duration.ofSeconds(30));
        assertThat(errors.get(0).getError().getCondition().toString()).isEqualTo("service-unavailable");
    }

    @Test
    void messageToAnAliasShouldReachTheUserItMapsTo(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-alias");
        server.getProbe(DataProbeImpl.class).addUserAliasMapping("robert", JAMES_DOMAIN, bob);

        alice.send(message("robert@" + JAMES_DOMAIN, Message.Type.normal, "Alias", "to robert, who is bob", "alias-1"));

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            assertThat(reader(server, bob).text(TestIMAPClient.INBOX, 1)).contains("to robert, who is bob");
        }
    }

    @Test
    void messageToAGroupShouldReachEveryMember(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-group");
        String carol = newUser(server, "carol-group");
        DataProbeImpl probe = server.getProbe(DataProbeImpl.class);
        probe.addGroupAliasMapping("team@" + JAMES_DOMAIN, bob);
        probe.addGroupAliasMapping("team@" + JAMES_DOMAIN, carol);

        alice.send(message("team@" + JAMES_DOMAIN, Message.Type.normal, "Team", "hello team", "group-1"));

        for (String member : List.of(bob, carol)) {
            try (TestIMAPClient imap = imap(server, member)) {
                imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
                assertThat(reader(server, member).text(TestIMAPClient.INBOX, 1)).contains("hello team");
            }
        }
    }

    @Test
    void messageToAnAddressRewrittenToAUserShouldReachThatUser(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-rewrite");
        server.getProbe(DataProbeImpl.class).addAddressMapping("sales", JAMES_DOMAIN, bob);

        alice.send(message("sales@" + JAMES_DOMAIN, Message.Type.normal, "Quote", "a quote please", "rewrite-1"));

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            assertThat(reader(server, bob).text(TestIMAPClient.INBOX, 1)).contains("a quote please");
        }
    }

    @Test
    void messageWithUndeliveredCcAddressesShouldReachEveryLocalRecipientOnce(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-cc");
        String carol = newUser(server, "carol-cc");
        Message stanza = StanzaBuilder.buildMessage("cc-1")
            .to(JidCreate.from(bob))
            .ofType(Message.Type.normal)
            .setSubject("Minutes")
            .setBody("for bob, cc carol")
            .addExtension(new MultipleAddressesElement(List.of(
                AddressEntry.ofJid(AddressType.TO, JidCreate.from(bob), Optional.empty(), false),
                AddressEntry.ofJid(AddressType.CC, JidCreate.from(carol), Optional.empty(), false))))
            .build();

        alice.send(stanza);

        for (String recipient : List.of(bob, carol)) {
            try (TestIMAPClient imap = imap(server, recipient)) {
                imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
                assertThat(reader(server, recipient).text(TestIMAPClient.INBOX, 1))
                    .containsPattern("(?m)^To: " + bob)
                    .containsPattern("(?m)^Cc: " + carol)
                    .contains("for bob, cc carol");
            }
        }
        try (TestIMAPClient imap = imap(server, bob)) {
            Thread.sleep(1000);
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(1);
        }
    }

    @Test
    void messageToTheMulticastServiceShouldReachEveryAddressAndKeepTheBccHidden(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-multicast");
        String dave = newUser(server, "dave-multicast");
        Message stanza = StanzaBuilder.buildMessage("multicast-1")
            .to(JidCreate.from(JAMES_DOMAIN))
            .ofType(Message.Type.normal)
            .setSubject("Party")
            .setBody("surprise party on friday")
            .addExtension(new MultipleAddressesElement(List.of(
                AddressEntry.ofJid(AddressType.TO, JidCreate.from(bob), Optional.empty(), false),
                AddressEntry.ofJid(AddressType.BCC, JidCreate.from(dave), Optional.empty(), false))))
            .build();

        alice.send(stanza);

        try (TestIMAPClient imap = imap(server, dave)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            assertThat(reader(server, dave).text(TestIMAPClient.INBOX, 1)).contains("surprise party on friday");
        }
        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            assertThat(reader(server, bob).text(TestIMAPClient.INBOX, 1))
                .containsPattern("(?m)^To: " + bob)
                .contains("surprise party on friday")
                .doesNotContain(dave);
        }
    }

    @Test
    void messagesOfOneXmppThreadShouldThreadInImap(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-thread");

        alice.send(StanzaBuilder.buildMessage("thread-msg-1")
            .to(JidCreate.from(bob)).ofType(Message.Type.normal)
            .setSubject("Plans").setBody("first").setThread("thread-root-42")
            .build());
        alice.send(StanzaBuilder.buildMessage("thread-msg-2")
            .to(JidCreate.from(bob)).ofType(Message.Type.normal)
            .setSubject("Re: Plans").setBody("second").setThread("thread-root-42")
            .addExtension(new ReplyElement(Optional.of(JidCreate.from("alice@a.test")), "thread-msg-1"))
            .build());

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 2);
            // the spool delivers concurrently: IMAP order is not sending order
            MimeMessage one = reader(server, bob).parsed(TestIMAPClient.INBOX, 1);
            MimeMessage two = reader(server, bob).parsed(TestIMAPClient.INBOX, 2);
            boolean inOrder = "Plans".equals(one.getSubject());
            MimeMessage first = inOrder ? one : two;
            MimeMessage second = inOrder ? two : one;
            String firstId = first.getMessageID();
            assertThat(second.getHeader("In-Reply-To", null)).isEqualTo(firstId);
            assertThat(second.getHeader("References", null)).isNotNull();
            String root = second.getHeader("References", null).trim().split("\\s+")[0];
            assertThat(root).isEqualTo(first.getHeader("References", firstId).trim().split("\\s+")[0]);
        }
    }

    @Test
    void xhtmlImMessageShouldArriveAsMultipartAlternative(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-html");
        XHTMLExtension xhtml = new XHTMLExtension();
        xhtml.addBody("<body xmlns='http://www.w3.org/1999/xhtml'><p>Hello <strong>bold</strong> world</p></body>");

        alice.send(StanzaBuilder.buildMessage("html-1")
            .to(JidCreate.from(bob)).ofType(Message.Type.normal)
            .setSubject("Formatted").setBody("Hello *bold* world")
            .addExtension(xhtml)
            .build());

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            MimeMessage mail = reader(server, bob).parsed(TestIMAPClient.INBOX, 1);
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            MimeMultipart alternative = (MimeMultipart) mail.getContent();
            assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat((String) alternative.getBodyPart(0).getContent()).contains("Hello *bold* world");
            assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat((String) alternative.getBodyPart(1).getContent()).contains("<strong>bold</strong>");
        }
    }

    @Test
    void nonAsciiSubjectAndBodyShouldArriveIntact(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-utf8");

        alice.send(message(bob, Message.Type.normal, "Grüße aus Köln – 東京", "Ça va? Ünïcödé ✓ 東京", "utf8-1"));

        try (TestIMAPClient imap = imap(server, bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            MimeMessage mail = reader(server, bob).parsed(TestIMAPClient.INBOX, 1);
            assertThat(mail.getSubject()).isEqualTo("Grüße aus Köln – 東京");
            assertThat(((String) mail.getContent()).trim()).isEqualTo("Ça va? Ünïcödé ✓ 東京");
        }
    }
}
