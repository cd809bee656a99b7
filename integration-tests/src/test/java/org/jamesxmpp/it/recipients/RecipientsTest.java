package org.jamesxmpp.it.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Recipients both ways with real Prosody users (rcpt.test on 127.0.145.2): To, Cc and Bcc of one mail, XEP-0033
 * stanzas to several James users read over IMAP, unknown addresses answered, aliases, forwards and groups made
 * through WebAdmin.
 */
class RecipientsTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "rcpt.test";
    private static final String PEER_ADDRESS = "127.0.145.2";
    private static final String PASSWORD = "secret";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(WAIT);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static ProsodyPeer prosody;

    private SmackClient alice;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .user("carol", PASSWORD)
            .user("eve", PASSWORD)
            .user("frank", PASSWORD)
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

    private static String peer(String localPart) {
        return localPart + "@" + PEER_DOMAIN;
    }

    private static List<String> jids(Message message, AddressType type) {
        return MultipleAddressesElement.from(message).getAddresses(type).stream()
            .map(entry -> entry.jid().map(Object::toString).orElse("uri:" + entry.uri().orElse("")))
            .toList();
    }

    private static String inboxText(GuiceJamesServer server, String user, int messages) throws Exception {
        try (TestIMAPClient imap = users(server).imap(user)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, messages);
        }
        try (ImapMessages reader = users(server).reader(user)) {
            return reader.text(TestIMAPClient.INBOX, 1);
        }
    }

    private static long inboxCount(GuiceJamesServer server, String user) throws Exception {
        try (TestIMAPClient imap = users(server).imap(user)) {
            return imap.getMessageCount(TestIMAPClient.INBOX);
        }
    }

    private static void webAdminPut(GuiceJamesServer server, String path) throws IOException, InterruptedException {
        int port = server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT " + path + ": " + response.body()).isEqualTo(204);
    }

    private static AddressEntry address(AddressType type, String jid) throws Exception {
        return AddressEntry.ofJid(type, JidCreate.from(jid), Optional.empty(), false);
    }

    private Message multicast(String id, String to, String body, AddressEntry... entries) throws Exception {
        MessageBuilder builder = StanzaBuilder.buildMessage(id)
            .to(JidCreate.from(to))
            .ofType(Message.Type.normal)
            .setSubject(id)
            .setBody(body);
        if (entries.length > 0) {
            builder.addExtension(new MultipleAddressesElement(List.of(entries)));
        }
        return builder.build();
    }

    @Test
    void toCcAndBccOfOneMailShouldEachGetAStanzaNamingToAndCcAndOnlyTheirOwnBcc(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-tocc");

        try (SmackClient carol = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "carol", PASSWORD);
             SmackClient eve = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "eve", PASSWORD);
             SmackClient frank = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "frank", PASSWORD);
             SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of(peer("alice"), peer("carol"), peer("eve"), peer("frank")),
                    "From: Bob <" + bob + ">\r\nTo: Alice <" + peer("alice") + ">\r\nCc: " + peer("carol")
                        + "\r\nSubject: Board meeting\r\n\r\nAgenda attached\r\n");

            Message forAlice = alice.awaitMessages(m -> "Board meeting".equals(m.getSubject()), 1, WAIT).get(0);
            Message forCarol = carol.awaitMessages(m -> "Board meeting".equals(m.getSubject()), 1, WAIT).get(0);
            Message forEve = eve.awaitMessages(m -> "Board meeting".equals(m.getSubject()), 1, WAIT).get(0);
            Message forFrank = frank.awaitMessages(m -> "Board meeting".equals(m.getSubject()), 1, WAIT).get(0);

            for (Message visible : List.of(forAlice, forCarol)) {
                assertThat(jids(visible, AddressType.TO)).containsExactly(peer("alice"));
                assertThat(jids(visible, AddressType.CC)).containsExactly(peer("carol"));
                assertThat(jids(visible, AddressType.BCC)).isEmpty();
                assertThat(visible.toXML().toString()).doesNotContain(peer("eve"), peer("frank"));
            }
            assertThat(jids(forEve, AddressType.TO)).containsExactly(peer("alice"));
            assertThat(jids(forEve, AddressType.CC)).containsExactly(peer("carol"));
            assertThat(jids(forEve, AddressType.BCC)).containsExactly(peer("eve"));
            assertThat(forEve.toXML().toString()).doesNotContain(peer("frank"));
            assertThat(jids(forFrank, AddressType.BCC)).containsExactly(peer("frank"));
            assertThat(forFrank.toXML().toString()).doesNotContain(peer("eve"));
            assertThat(MultipleAddressesElement.from(forAlice).getAddresses(AddressType.TO).get(0).desc())
                .contains("Alice");
            for (Message each : List.of(forAlice, forCarol, forEve, forFrank)) {
                assertThat(each.getBody()).isEqualTo("Agenda attached");
                assertThat(MultipleAddressesElement.from(each).getAddresses()).allMatch(AddressEntry::delivered);
            }
        }
    }

    @Test
    void ourDomainShouldAdvertiseTheMulticastServiceInDiscoInfo() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection())
            .discoverInfo(JidCreate.domainBareFrom(JAMES_DOMAIN));

        assertThat(info.containsFeature("http://jabber.org/protocol/address")).isTrue();
        assertThat(info.getIdentities()).anyMatch(identity -> identity.isOfCategoryAndType("server", "im"));
    }

    @Test
    void multicastToSeveralJamesUsersShouldReachEachOnceAndAnswerTheUnknownOne(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-mc");
        String carol = newUser(server, "carol-mc");
        String dave = newUser(server, "dave-mc");
        String ghost = "ghost-mc@" + JAMES_DOMAIN;

        alice.send(multicast("mc-1", JAMES_DOMAIN, "minutes for all",
            address(AddressType.TO, bob), address(AddressType.CC, carol), address(AddressType.CC, ghost),
            address(AddressType.BCC, dave)));

        Message error = alice.awaitMessages(m -> m.getType() == Message.Type.error, 1, WAIT).get(0);
        assertThat(error.getFrom().toString()).isEqualTo(ghost);
        assertThat(error.getStanzaId()).isEqualTo("mc-1");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        for (String recipient : List.of(bob, carol)) {
            assertThat(inboxText(server, recipient, 1))
                .containsPattern("(?m)^To: " + bob)
                .containsPattern("(?m)^Cc: " + carol)
                .contains("minutes for all")
                .doesNotContain(dave);
        }
        assertThat(inboxText(server, dave, 1)).contains("minutes for all").doesNotContainPattern("(?m)^Bcc:");
        Thread.sleep(1000);
        for (String recipient : List.of(bob, carol, dave)) {
            assertThat(inboxCount(server, recipient)).as(recipient).isEqualTo(1);
        }
        assertThat(alice.received()).filteredOn(m -> m.getType() == Message.Type.error).hasSize(1);
    }

    @Test
    void stanzaToOneUserNamingItselfAsToShouldReachItOnce(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-self");
        String carol = newUser(server, "carol-self");

        alice.send(multicast("self-1", bob, "once for bob", address(AddressType.TO, bob), address(AddressType.CC, carol)));

        assertThat(inboxText(server, carol, 1)).contains("once for bob");
        assertThat(inboxText(server, bob, 1)).contains("once for bob");
        Thread.sleep(1000);
        assertThat(inboxCount(server, bob)).isEqualTo(1);
    }

    @Test
    void aliasForwardAndGroupMadeThroughWebAdminShouldDeliverToTheirUsers(GuiceJamesServer server) throws Exception {
        String bob = newUser(server, "bob-rrt");
        String carol = newUser(server, "carol-rrt");
        String dave = newUser(server, "dave-rrt");
        String forwarding = newUser(server, "away-rrt");
        webAdminPut(server, "/address/aliases/" + bob + "/sources/robert-rrt@" + JAMES_DOMAIN);
        webAdminPut(server, "/address/forwards/" + forwarding + "/targets/" + carol);
        webAdminPut(server, "/address/groups/team-rrt@" + JAMES_DOMAIN + "/" + dave);

        alice.send(multicast("rrt-alias", "robert-rrt@" + JAMES_DOMAIN, "to robert, who is bob"));
        alice.send(multicast("rrt-forward", forwarding, "to away, forwarded to carol"));
        alice.send(multicast("rrt-group", "team-rrt@" + JAMES_DOMAIN, "to the team"));
        alice.send(multicast("rrt-nobody", "nobody-rrt@" + JAMES_DOMAIN, "to nobody"));

        assertThat(inboxText(server, bob, 1)).contains("to robert, who is bob");
        assertThat(inboxText(server, carol, 1)).contains("to away, forwarded to carol");
        assertThat(inboxText(server, dave, 1)).contains("to the team");
        Message error = alice.awaitMessages(m -> m.getType() == Message.Type.error, 1, WAIT).get(0);
        assertThat(error.getStanzaId()).isEqualTo("rrt-nobody");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(alice.received()).filteredOn(m -> m.getType() == Message.Type.error).hasSize(1);
    }
}
