package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.mapping.MessageIds;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.it.outbound.SmtpSink;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jivesoftware.smackx.mam.MamManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The mailbox is the history: what a user sends from an XMPP client (Smack, real James in-process) is kept in their
 * own mailbox, as IMAP shows it. Addresses: James s2s on 127.0.110.3:5269, Prosody ({@value #PEER_DOMAIN}) on
 * 127.0.110.2; mail to mailonly.test goes to the test pipeline's SMTP sink on 127.0.62.25:2525 (shared with
 * C2sClientTest, which never runs at the same time: integration tests run under one lock).
 */
class C2sHistoryTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String PEER_DOMAIN = "historypeer.test";
    private static final String PEER_ADDRESS = "127.0.110.2";
    private static final String JAMES_S2S_ADDRESS = "127.0.110.3";
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
        users(server).mail().ensureDomain();
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

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    private static String flags(TestIMAPClient imap, String folder) throws Exception {
        imap.select(folder);
        return imap.sendCommand("FETCH 1:* (FLAGS)");
    }

    @Test
    void chatsTheUserSendsShouldBeInTheirChatsFolderSeenWhateverTheRecipient(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-sent");
        String carol = users(server).mail().create("carol-sent");
        String alice = "alice@" + PEER_DOMAIN;

        try (SmackClient bobClient = users(server).login(bob, "laptop");
             SmackClient carolClient = users(server).login(carol, "phone");
             SmackClient aliceClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD)) {
            bobClient.send(C2sTestUsers.chat(carol, "to a local user"));
            bobClient.send(C2sTestUsers.chat(alice, "to a user over s2s"));
            bobClient.send(C2sTestUsers.chat("erin@mailonly.test", "to a mail-only address"));

            C2sTestUsers.awaitBody(carolClient, "to a local user", TIMEOUT);
            C2sTestUsers.awaitBody(aliceClient, "to a user over s2s", TIMEOUT);
            AWAIT.untilAsserted(() -> assertThat(sink.received())
                .anyMatch(mail -> mail.data().contains("to a mail-only address")));
        }
        try (TestIMAPClient imap = users(server).mail().imap(bob)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(3));
            assertThat(flags(imap, "Chats").lines().filter(line -> line.startsWith("* ")))
                .hasSize(3)
                .allMatch(line -> line.contains("\\Seen") && line.contains("$XmppChat"));
        }
        String texts = users(server).mail().reader(bob).text("Chats", 1) + users(server).mail().reader(bob).text("Chats", 2)
            + users(server).mail().reader(bob).text("Chats", 3);
        assertThat(texts).contains("to a local user", "to a user over s2s", "to a mail-only address")
            .containsPattern("(?m)^From: .*" + bob);
        try (TestIMAPClient imap = users(server).mail().imap(carol)) {
            assertThat(flags(imap, "Chats")).contains("$XmppChat").doesNotContain("\\Seen");
        }
    }

    /** The FETCH lines of {@code Chats} (the answer may also hold untagged FLAGS lines naming every flag). */
    private static List<String> fetchedFlags(TestIMAPClient imap) throws Exception {
        return flags(imap, "Chats").lines().filter(line -> line.startsWith("* ") && line.contains(" FETCH ")).toList();
    }

    @Test
    void displayedMarkerTheUserSendsShouldFlagTheChatItNamesSeen(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-marker");
        String alice = "alice@" + PEER_DOMAIN;

        try (SmackClient bobClient = users(server).login(bob, "phone");
             SmackClient aliceClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
             TestIMAPClient imap = users(server).mail().imap(bob)) {
            for (String id : List.of("chat-to-read", "chat-left-unread")) {
                aliceClient.send(StanzaBuilder.buildMessage(id).to(JidCreate.from(bob)).ofType(Message.Type.chat)
                    .setBody(id).build());
            }
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(2));
            assertThat(fetchedFlags(imap)).hasSize(2).noneMatch(line -> line.contains("\\Seen"));

            bobClient.send(StanzaBuilder.buildMessage().to(JidCreate.from(alice)).ofType(Message.Type.chat)
                .addExtension(new ChatMarkersElements.DisplayedExtension("chat-to-read")).build());

            AWAIT.untilAsserted(() -> assertThat(fetchedFlags(imap)).hasSize(2)
                .filteredOn(line -> line.contains("\\Seen")).hasSize(1));
            imap.select("Chats");
            AWAIT.untilAsserted(() -> {
                assertThat(imap.sendCommand("SEARCH SEEN HEADER Message-ID \""
                    + MessageIds.toMsgId("chat-to-read", PEER_DOMAIN) + "\"")).containsPattern("\\* SEARCH \\d");
                assertThat(imap.sendCommand("SEARCH UNSEEN HEADER Message-ID \""
                    + MessageIds.toMsgId("chat-left-unread", PEER_DOMAIN) + "\"")).containsPattern("\\* SEARCH \\d");
            });
            assertThat(imap.getMessageCount("Chats")).as("the marker itself is no mail").isEqualTo(2);
        }
    }

    @Test
    void normalMessageTheUserSendsShouldBeInTheirSentFolderSeen(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-normal");

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from("erin@mailonly.test"))
                .ofType(Message.Type.normal)
                .setSubject("minutes")
                .setBody("the minutes of today")
                .build());

            AWAIT.untilAsserted(() -> assertThat(sink.received())
                .anyMatch(mail -> mail.data().contains("the minutes of today")));
        }
        try (TestIMAPClient imap = users(server).mail().imap(bob)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Sent")).isEqualTo(1));
            assertThat(flags(imap, "Sent")).contains("\\Seen").doesNotContain("$XmppChat");
        }
        assertThat(users(server).mail().reader(bob).text("Sent", 1))
            .contains("Subject: minutes", "the minutes of today", "To: erin@mailonly.test");
    }

    @Test
    void carbonsShouldCopyWhatAnotherResourceSentAndReceivedUntilDisabled(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-carbons");
        String carol = users(server).mail().create("carol-carbons");

        try (SmackClient bobLaptop = users(server).login(bob, "laptop");
             SmackClient bobPhone = users(server).login(bob, "phone");
             SmackClient carolClient = users(server).login(carol, "desk")) {
            CarbonManager phoneCarbons = CarbonManager.getInstanceFor(bobPhone.connection());
            assertThat(phoneCarbons.isSupportedByServer()).isTrue();
            List<String> copies = new CopyOnWriteArrayList<>();
            phoneCarbons.addCarbonCopyReceivedListener((direction, copy, wrapper) ->
                copies.add(direction + " " + copy.getFrom() + " " + copy.getTo() + " " + copy.getBody()));
            phoneCarbons.enableCarbons();

            bobLaptop.send(C2sTestUsers.chat(carol, "sent from the laptop"));
            Message atCarol = C2sTestUsers.awaitBody(carolClient, "sent from the laptop", TIMEOUT).get(0);
            carolClient.send(C2sTestUsers.chat(atCarol.getFrom().toString(), "to the laptop only"));
            C2sTestUsers.awaitBody(bobLaptop, "to the laptop only", TIMEOUT);

            AWAIT.untilAsserted(() -> assertThat(copies).containsExactly(
                "sent " + bob + "/laptop " + carol + " sent from the laptop",
                "received " + carol + "/desk " + bob + "/laptop to the laptop only"));
            assertThat(bobLaptop.received()).noneMatch(message -> message.hasExtension(CarbonExtension.NAMESPACE));

            phoneCarbons.disableCarbons();
            bobLaptop.send(C2sTestUsers.chat(carol, "after disabling"));
            C2sTestUsers.awaitBody(carolClient, "after disabling", TIMEOUT);
            carolClient.send(C2sTestUsers.chat(bob, "to every resource"));
            C2sTestUsers.awaitBody(bobPhone, "to every resource", TIMEOUT);
            assertThat(copies).hasSize(2);
        }
    }

    @Test
    void mamShouldServeTheChatsFolderAsImapShowsItPageByPage(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-mam");
        String carol = users(server).mail().create("carol-mam");

        try (SmackClient bobClient = users(server).login(bob, "laptop");
             SmackClient carolClient = users(server).login(carol, "phone");
             TestIMAPClient imap = users(server).mail().imap(bob)) {
            Message first = StanzaBuilder.buildMessage("bob-mam-1")
                .to(JidCreate.from(carol))
                .ofType(Message.Type.chat)
                .setBody("first from bob")
                .build();
            bobClient.send(first);
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(1));
            carolClient.send(C2sTestUsers.chat(bob + "/laptop", "reply from carol"));
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(2));
            bobClient.send(C2sTestUsers.chat(carol, "second from bob"));
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(3));

            MamManager mam = MamManager.getInstanceFor(bobClient.connection());
            assertThat(mam.isSupported()).isTrue();
            MamManager.MamQuery all = mam.queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(JidCreate.entityBareFrom(carol))
                .build());
            assertThat(all.getMessages()).extracting(Message::getBody)
                .containsExactly("first from bob", "reply from carol", "second from bob");
            assertThat(all.isComplete()).isTrue();
            Message archivedFirst = all.getMessages().get(0);
            assertThat(archivedFirst.getStanzaId()).isEqualTo(first.getStanzaId());
            assertThat(archivedFirst.getFrom().toString()).isEqualTo(bob + "/laptop");
            assertThat(archivedFirst.getTo().toString()).isEqualTo(carol);
            for (int sequence = 1; sequence <= 3; sequence++) {
                assertThat(users(server).mail().reader(bob).text("Chats", sequence))
                    .contains(all.getMessages().get(sequence - 1).getBody());
            }

            MamManager.MamQuery page = mam.queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(JidCreate.entityBareFrom(carol))
                .setResultPageSizeTo(2)
                .build());
            assertThat(page.getMessages()).extracting(Message::getBody).containsExactly("first from bob", "reply from carol");
            assertThat(page.isComplete()).isFalse();
            assertThat(page.pageNext(2)).extracting(Message::getBody).containsExactly("second from bob");
            assertThat(page.isComplete()).isTrue();
        }
    }
}
