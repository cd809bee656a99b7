package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jivesoftware.smackx.mam.MamManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The archive is the mailbox, all of it that came from XMPP (Smack clients, a Prosody user, real James in-process,
 * IMAP): normal messages received (INBOX) and sent (Sent) beside the chats, in the order stored, paged; and a chat
 * read over IMAP tells its sender. Addresses: James s2s on 127.0.190.3:5269, Prosody ({@value #PEER_DOMAIN}) on
 * 127.0.190.2.
 */
class C2sArchiveTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String PEER_DOMAIN = "archivepeer.test";
    private static final String PEER_ADDRESS = "127.0.190.2";
    private static final String JAMES_S2S_ADDRESS = "127.0.190.3";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(TIMEOUT);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(
        C2sTestUsers.s2sOnOwnAddresses(JAMES_S2S_ADDRESS, PEER_DOMAIN, PEER_ADDRESS));

    private static ProsodyPeer prosody;

    @BeforeAll
    static void startPeer(GuiceJamesServer server) throws Exception {
        users(server).mail().ensureDomain();
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(DOMAIN, JAMES_S2S_ADDRESS)
            .user("alice", PASSWORD)
            .user("dave", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopPeer() throws Exception {
        prosody.close();
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    private static Message normal(String to, String body) throws Exception {
        return StanzaBuilder.buildMessage("normal-" + Integer.toHexString(body.hashCode())).to(JidCreate.from(to)).ofType(Message.Type.normal).setBody(body).build();
    }

    private static Message markableChat(String id, String to, String body) throws Exception {
        return StanzaBuilder.buildMessage(id).to(JidCreate.from(to)).ofType(Message.Type.chat).setBody(body)
            .addExtension(ChatMarkersElements.MarkableExtension.INSTANCE).build();
    }

    private static Predicate<Message> displayed(String id) {
        return message -> {
            ChatMarkersElements.DisplayedExtension marker = message.getExtension(ChatMarkersElements.DisplayedExtension.class);
            return marker != null && id.equals(marker.getId());
        };
    }

    private static List<Message> displayedMarkers(SmackClient client) {
        return client.received().stream()
            .filter(message -> message.getExtension(ChatMarkersElements.DisplayedExtension.class) != null)
            .toList();
    }

    @Test
    void normalMessagesReceivedAndSentShouldBeInTheArchiveWithTheChatsInTheOrderStored(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-archive");
        String carol = users(server).mail().create("carol-archive");
        String alice = "alice@" + PEER_DOMAIN;

        try (SmackClient bobClient = users(server).login(bob, "laptop");
             SmackClient carolClient = users(server).login(carol, "phone");
             SmackClient aliceClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
             TestIMAPClient imap = users(server).mail().imap(bob)) {
            Message first = normal(bob, "normal from carol");
            carolClient.send(first);
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("INBOX")).isEqualTo(1));
            bobClient.send(C2sTestUsers.chat(carol, "chat to carol"));
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(1));
            bobClient.send(normal(alice, "normal to alice"));
            C2sTestUsers.awaitBody(aliceClient, "normal to alice", TIMEOUT);
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Sent")).isEqualTo(1));
            users(server).mail().submit(carol, bob, "Subject: plain mail\r\n\r\nnot from XMPP\r\n");
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("INBOX")).isEqualTo(2));
            aliceClient.send(normal(bob, "normal from alice"));
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("INBOX")).isEqualTo(3));

            MamManager mam = MamManager.getInstanceFor(bobClient.connection());
            MamManager.MamQuery all = mam.queryArchive(MamManager.MamQueryArgs.builder().build());
            assertThat(all.getMessages()).extracting(Message::getBody)
                .containsExactly("normal from carol", "chat to carol", "normal to alice", "normal from alice");
            assertThat(all.isComplete()).isTrue();
            assertThat(all.getMamResultExtensions()).hasSize(4);
            Message archivedFirst = all.getMessages().get(0);
            assertThat(archivedFirst.getStanzaId()).isEqualTo(first.getStanzaId());
            assertThat(archivedFirst.getFrom().toString()).isEqualTo(carolClient.fullJid());
            assertThat(archivedFirst.getTo().toString()).isEqualTo(bob);
            assertThat(all.getMessages().get(3).getFrom().toString()).isEqualTo(aliceClient.fullJid());

            MamManager.MamQuery forward = mam.queryArchive(MamManager.MamQueryArgs.builder().setResultPageSizeTo(3).build());
            assertThat(forward.getMessages()).extracting(Message::getBody)
                .containsExactly("normal from carol", "chat to carol", "normal to alice");
            assertThat(forward.isComplete()).isFalse();
            assertThat(forward.getPage().getMamFinIq().getRSMSet().getCount()).isEqualTo(4);
            assertThat(forward.pageNext(3)).extracting(Message::getBody).containsExactly("normal from alice");
            assertThat(forward.isComplete()).isTrue();

            MamManager.MamQuery backward = mam.queryArchive(MamManager.MamQueryArgs.builder()
                .setResultPageSizeTo(3).queryLastPage().build());
            assertThat(backward.getMessages()).extracting(Message::getBody)
                .containsExactly("chat to carol", "normal to alice", "normal from alice");
            assertThat(backward.isComplete()).isFalse();
            assertThat(backward.pagePrevious(3)).extracting(Message::getBody).containsExactly("normal from carol");
            assertThat(backward.isComplete()).isTrue();

            MamManager.MamQuery withCarol = mam.queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(JidCreate.entityBareFrom(carol)).build());
            assertThat(withCarol.getMessages()).extracting(Message::getBody).containsExactly("normal from carol", "chat to carol");

            carolClient.send(normal(bob, "queried the moment it arrived"));
            C2sTestUsers.awaitBody(bobClient, "queried the moment it arrived", TIMEOUT);
            MamManager.MamQuery latest = mam.queryArchive(MamManager.MamQueryArgs.builder()
                .setResultPageSizeTo(1).queryLastPage().build());
            assertThat(latest.getMessages()).as("the query waits for the spool to store what the client got")
                .extracting(Message::getBody).containsExactly("queried the moment it arrived");
        }
    }

    @Test
    void aMarkableChatFlaggedSeenOverImapShouldSendItsSenderOneDisplayedMarker(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-seen");
        String carol = users(server).mail().create("carol-seen");

        try (SmackClient daveClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "dave", PASSWORD);
             SmackClient carolClient = users(server).login(carol, "phone");
             TestIMAPClient imap = users(server).mail().imap(bob)) {
            daveClient.send(markableChat("dave-markable", bob, "please tell me you read this"));
            daveClient.send(C2sTestUsers.chat(bob, "no markers asked for"));
            carolClient.send(markableChat("carol-markable", bob, "from a local user"));
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(3));

            imap.select("Chats");
            assertThat(imap.sendCommand("STORE 1:* +FLAGS (\\Seen)")).contains("OK");

            daveClient.awaitMessages(displayed("dave-markable"), 1, TIMEOUT);
            carolClient.awaitMessages(displayed("carol-markable"), 1, TIMEOUT);
            Message marker = displayedMarkers(daveClient).get(0);
            assertThat(marker.getFrom().asBareJid().toString()).isEqualTo(bob);
            assertThat(marker.getBody()).isNull();

            assertThat(imap.sendCommand("STORE 1:* -FLAGS (\\Seen)")).contains("OK");
            assertThat(imap.sendCommand("STORE 1:* +FLAGS (\\Seen)")).contains("OK");
            daveClient.send(markableChat("dave-later", bob, "a later one"));
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(4));
            imap.select("Chats");
            assertThat(imap.sendCommand("STORE 4 +FLAGS (\\Seen)")).contains("OK");
            daveClient.awaitMessages(displayed("dave-later"), 1, TIMEOUT);

            assertThat(displayedMarkers(daveClient)).as("one marker per chat read, none for the unmarkable one")
                .extracting(message -> message.getExtension(ChatMarkersElements.DisplayedExtension.class).getId())
                .containsExactly("dave-markable", "dave-later");
            assertThat(displayedMarkers(carolClient)).hasSize(1);
            assertThat(imap.sendCommand("FETCH 1:4 (FLAGS)")).contains("$XmppDisplayed");
        }
    }
}
