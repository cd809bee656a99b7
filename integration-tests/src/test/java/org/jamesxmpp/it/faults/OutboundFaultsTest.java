package org.jamesxmpp.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.guice.XmppProbe;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Outbound faults against real James (issue 16): each mail ends delivered once, still queued, or bounced to its
 * sender with a DSN naming the recipient and the reason; the streams and sockets are released. The peers are raw
 * sockets (127.0.63.x) routed in the test {@code xmpp.xml}: silent.test accepts TCP and never answers, hangup.test
 * answers our stream header with its own and closes, errs.test authenticates us and answers the stanza with a
 * {@code <stream:error>}. The mailet retries 3 times (2 s, 2 s, 4 s) then bounces. {@code streams/responseTimeout} is
 * {@value #RESPONSE_TIMEOUT} here (30 s by default), so that the silent peer's four attempts end in seconds.
 */
class OutboundFaultsTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofMinutes(3));
    private static final String RESPONSE_TIMEOUT = "3s";

    /** The test xmpp.xml, with a short {@code streams/responseTimeout}, read as James reads it. */
    private static final Module SHORT_RESPONSE_TIMEOUT = new AbstractModule() {
        @Provides
        @Singleton
        XmppConfiguration xmppConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
            HierarchicalConfiguration<ImmutableNode> xmpp = configurationProvider.getConfiguration("xmpp");
            xmpp.setProperty("streams.responseTimeout", RESPONSE_TIMEOUT);
            return XmppConfiguration.from(xmpp);
        }
    };

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(SHORT_RESPONSE_TIMEOUT);

    private static FakeS2sPeer silent;
    private static FakeS2sPeer hangup;
    private static FakeS2sPeer streamError;

    @BeforeAll
    static void startPeers() throws Exception {
        silent = FakeS2sPeer.start("127.0.63.2", FakeS2sPeer.Behaviour.NEVER_ANSWERS);
        hangup = FakeS2sPeer.start("127.0.63.3", FakeS2sPeer.Behaviour.CLOSES_AFTER_HEADER);
        streamError = FakeS2sPeer.start("127.0.63.4", FakeS2sPeer.Behaviour.STREAM_ERROR_ON_STANZA);
    }

    @AfterAll
    static void stopPeers() throws Exception {
        silent.close();
        hangup.close();
        streamError.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        users(server).ensureDomain();
    }

    private static JamesUsers users(GuiceJamesServer server) {
        return new JamesUsers(server, JAMES_DOMAIN, PASSWORD);
    }

    private static String bounceFor(GuiceJamesServer server, String localPart, String recipient) throws Exception {
        String bob = users(server).create(localPart);
        users(server).submit(bob, recipient, "From: " + bob + "\r\nTo: " + recipient + "\r\nSubject: Faults\r\n\r\nHello?\r\n");
        try (TestIMAPClient imap = users(server).imap(bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            return users(server).reader(bob).text(TestIMAPClient.INBOX, 1);
        }
    }

    private static void assertReleased(GuiceJamesServer server, FakeS2sPeer peer) {
        AWAIT.untilAsserted(() -> {
            assertThat(peer.stillOpen()).as("sockets James left open").isZero();
            assertThat(server.getProbe(XmppProbe.class).s2sServer().outgoingStreams()).isEmpty();
        });
    }

    @Test
    void mailToAPeerThatAcceptsTcpAndNeverAnswersShouldBeBouncedAsATimeoutAfterTheRetries(GuiceJamesServer server)
        throws Exception {
        String dsn = bounceFor(server, "bob-silent", "carol@silent.test");

        assertThat(dsn)
            .contains("Final-Recipient: rfc822; carol@silent.test")
            .contains("Action: failed")
            .containsPattern("Status: 4\\.4\\.1")
            .contains("remote-server-timeout")
            .contains("gave up after 3 retries");
        assertThat(silent.accepted()).isPositive();
        assertReleased(server, silent);
    }

    @Test
    void mailToAPeerThatClosesAfterTheHeaderShouldBeBouncedNamingRecipientAndReasonAfterTheRetries(GuiceJamesServer server)
        throws Exception {
        String dsn = bounceFor(server, "bob-hangup", "carol@hangup.test");

        assertThat(dsn)
            .contains("Final-Recipient: rfc822; carol@hangup.test")
            .contains("Action: failed")
            .containsPattern("Status: 4\\.\\d\\.\\d")
            .containsAnyOf("remote-server-not-found", "stream-broken", "authentication-failed", "remote-server-timeout")
            .contains("gave up after 3 retries");
        assertThat(hangup.accepted()).isPositive();
        assertReleased(server, hangup);
    }

    @Test
    void mailAnsweredWithAStreamErrorShouldNeverCountAsDeliveredButBeBouncedAsABrokenStream(GuiceJamesServer server)
        throws Exception {
        String dsn = bounceFor(server, "bob-stream-error", "carol@errs.test");

        assertThat(dsn)
            .contains("Final-Recipient: rfc822; carol@errs.test")
            .contains("Action: failed")
            .containsPattern("Status: 4\\.4\\.2")
            .contains("stream-broken")
            .contains("gave up after 3 retries");
        assertThat(streamError.accepted()).as("the first attempt and the 3 retries").isGreaterThanOrEqualTo(4);
        assertReleased(server, streamError);
    }
}
