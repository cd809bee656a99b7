package org.jamesxmpp.it.recipients;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Provider;
import javax.management.ObjectName;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.guice.JamesXmppMain;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.it.cluster.ClusterNode;
import org.jamesxmpp.listener.configuration.AttachmentsConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Outbound XEP-0033 multicast to a real multicast service: a second james-xmpp serving mc.test on 127.0.146.2 (it
 * announces {@code http://jabber.org/protocol/address} on its domain; Prosody 0.12 has no module for XEP-0033). The
 * james.test side is the test conf's server (127.0.0.3), its s2s engine seen through {@link RecordingStanzaSender}.
 */
class MulticastToJamesPeerTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PEER_DOMAIN = "mc.test";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(40));

    private static final List<RecordingStanzaSender.Sent> SENT = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(new AbstractModule() {
        @Provides
        @Singleton
        StanzaSender recordingSender(Provider<S2sServer> engine) {
            return new RecordingStanzaSender(engine, SENT);
        }
    });

    private static GuiceJamesServer peer;
    private static Set<ObjectName> jmxNamesOfJames = Set.of();

    @BeforeAll
    static void startPeer(@TempDir Path workingDirectory) throws Exception {
        jmxNamesOfJames = ClusterNode.releaseJmxNames();
        XMLConfiguration xml = new XMLConfiguration();
        new FileHandler(xml).load(new StringReader("<xmpp><listener><bind>127.0.146.2:5269</bind></listener>"
            + "<c2s enabled=\"false\"/>"
            + "<routes><route domain=\"" + JAMES_DOMAIN + "\" host=\"127.0.0.3\" port=\"5269\"/></routes></xmpp>"));
        XmppConfiguration xmpp = XmppConfiguration.from(xml);
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(Files.createDirectory(workingDirectory.resolve("peer")).toFile())
            .configurationFromClasspath()
            .usersRepository(DEFAULT)
            .build();
        peer = JamesXmppMain.createServer(configuration)
            .overrideWith(binder -> binder.bind(XmppConfiguration.class).toInstance(xmpp),
                binder -> binder.bind(AttachmentsConfiguration.class).toInstance(AttachmentsConfiguration.disabled()));
        peer.start();
        peerUsers().ensureDomain();
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (peer != null) {
            peer.stop();
        }
        ClusterNode.restoreJmxNames(jmxNamesOfJames);
    }

    private static JamesUsers peerUsers() {
        return new JamesUsers(peer, PEER_DOMAIN, PASSWORD);
    }

    private static String inbox(JamesUsers users, String user) throws Exception {
        try (TestIMAPClient imap = users.imap(user)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
        }
        try (ImapMessages reader = users.reader(user)) {
            return reader.text(TestIMAPClient.INBOX, 1);
        }
    }

    /** Every message of the INBOX, one after the other. */
    private static String inboxTexts(JamesUsers users, String user) throws Exception {
        long messages = count(users, user);
        StringBuilder all = new StringBuilder();
        try (ImapMessages reader = users.reader(user)) {
            for (int i = 1; i <= messages; i++) {
                all.append(reader.text(TestIMAPClient.INBOX, i)).append('\n');
            }
        }
        return all.toString();
    }

    private static long count(JamesUsers users, String user) throws Exception {
        try (TestIMAPClient imap = users.imap(user)) {
            return imap.getMessageCount(TestIMAPClient.INBOX);
        }
    }

    @Test
    void toAndCcAtAMulticastPeerShouldShareOneStanzaWhileBccStaysApartAndAnUnknownAddressBouncesAlone(
            GuiceJamesServer server) throws Exception {
        JamesUsers james = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = james.create("bob-mc");
        String xavier = peerUsers().create("xavier");
        String yvonne = peerUsers().create("yvonne");
        String zoe = peerUsers().create("zoe");
        String ghost = "ghost@" + PEER_DOMAIN;
        SENT.clear();

        try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of(xavier, yvonne, ghost, zoe),
                    "From: Bob <" + bob + ">\r\nTo: Xavier <" + xavier + ">\r\nCc: " + yvonne + ", " + ghost
                        + "\r\nSubject: Board meeting\r\nMessage-ID: <board-mc@james.test>\r\n\r\nAgenda attached\r\n");
        }

        for (String recipient : List.of(xavier, yvonne)) {
            assertThat(inbox(peerUsers(), recipient))
                .contains("Agenda attached")
                .containsPattern("(?m)^To: Xavier <" + xavier + ">")
                .containsPattern("(?m)^Cc: " + yvonne + ", " + ghost)
                .doesNotContain(zoe);
        }
        assertThat(inbox(peerUsers(), zoe)).contains("Agenda attached").doesNotContainPattern("(?m)^Bcc:");
        String dsn = inbox(james, bob);
        assertThat(dsn)
            .contains("Final-Recipient: rfc822; " + ghost)
            .contains("Action: failed")
            .contains("service-unavailable");
        Matcher finalRecipients = Pattern.compile("Final-Recipient:").matcher(dsn);
        assertThat(finalRecipients.results().count()).isEqualTo(1);
        assertThat(SENT).containsExactly(new RecordingStanzaSender.Sent(PEER_DOMAIN, List.of(xavier, yvonne, ghost)),
            new RecordingStanzaSender.Sent(zoe, List.of()));
        Thread.sleep(1000);
        for (String recipient : List.of(xavier, yvonne, zoe)) {
            assertThat(count(peerUsers(), recipient)).as(recipient).isEqualTo(1);
        }
        assertThat(count(james, bob)).isEqualTo(1);
    }

    @Test
    void aMulticastStanzaThePeerRefusesAsAWholeShouldBounceEveryRecipient(GuiceJamesServer server) throws Exception {
        JamesUsers james = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = james.create("bob-nobody");
        String ghost = "ghost-a@" + PEER_DOMAIN;
        String spectre = "ghost-b@" + PEER_DOMAIN;
        SENT.clear();

        try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of(ghost, spectre),
                    "From: " + bob + "\r\nTo: " + ghost + ", " + spectre
                        + "\r\nSubject: Anyone?\r\nMessage-ID: <nobody-mc@james.test>\r\n\r\nHello?\r\n");
        }

        AWAIT.untilAsserted(() -> assertThat(inboxTexts(james, bob))
            .contains("Final-Recipient: rfc822; " + ghost)
            .contains("Final-Recipient: rfc822; " + spectre)
            .contains("service-unavailable"));
        assertThat(SENT).containsExactly(new RecordingStanzaSender.Sent(PEER_DOMAIN, List.of(ghost, spectre)));
    }
}
