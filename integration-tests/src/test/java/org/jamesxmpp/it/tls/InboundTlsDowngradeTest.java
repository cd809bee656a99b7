package org.jamesxmpp.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.RawS2sStream;
import org.jamesxmpp.testing.StartTlsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;

/**
 * TLS downgrade on the way in, against James in-process with {@code tls/required=true}: a peer that skips STARTTLS
 * (it strips it, or pretends to be a pre-1.0 server without features) and goes on in clear text with dialback or
 * stanzas gets a stream error, no dialback check is dialed and no mail is delivered; the way in is STARTTLS.
 */
class InboundTlsDowngradeTest {
    static final String JAMES_DOMAIN = "james.test";
    static final InetSocketAddress JAMES = new InetSocketAddress("127.0.122.3", 5269);
    static final String PEER_DOMAIN = "clear.test";
    /** clear.test's authoritative server: counts the dialback checks James would dial. */
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.122.4", 5269);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(tlsRequired());

    static ServerSocket authoritative;
    static final AtomicInteger dialedBack = new AtomicInteger();
    static JamesUsers users;
    static String bob;

    @BeforeAll
    static void startAuthoritativeServer() throws IOException {
        authoritative = new ServerSocket(PEER.getPort(), 50, PEER.getAddress());
        Thread acceptor = new Thread(() -> {
            while (!authoritative.isClosed()) {
                try (Socket socket = authoritative.accept()) {
                    dialedBack.incrementAndGet();
                } catch (IOException e) {
                    // closed at the end
                }
            }
        }, "clear-test-authoritative");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopAuthoritativeServer() throws IOException {
        authoritative.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        if (users == null) {
            users = new JamesUsers(server, JAMES_DOMAIN, "secret").ensureDomain();
            bob = users.create("bob");
        }
    }

    private static Module tlsRequired() {
        String xml = "<xmpp><listener><bind>" + JAMES.getHostString() + ":5269</bind></listener>"
            + "<c2s enabled=\"false\"/>"
            + "<tls><keystore>classpath://keystore</keystore><secret>james-xmpp</secret><required>true</required></tls>"
            + "<routes><route domain=\"" + PEER_DOMAIN + "\" host=\"" + PEER.getHostString() + "\" port=\"5269\"/></routes>"
            + "</xmpp>";
        try {
            XMLConfiguration configuration = new XMLConfiguration();
            new FileHandler(configuration).load(new StringReader(xml));
            XmppConfiguration xmpp = XmppConfiguration.from(configuration);
            return binder -> binder.bind(XmppConfiguration.class).toInstance(xmpp);
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(String id) {
        return "<message from='carol@clear.test' to='" + bob + "' id='" + id + "'><body>in clear</body></message>";
    }

    private static void assertPolicyViolationAndClosed(RawS2sStream stream) {
        assertThat(stream.await("</stream:stream>")).contains("<policy-violation xmlns='" + RawS2sStream.STREAM_ERRORS + "'/>")
            .doesNotContain("<db:result");
        assertThat(stream.awaitClosedByPeer()).isTrue();
    }

    private void assertNothingDialedOrDelivered() throws Exception {
        try (TestIMAPClient imap = users.imap(bob)) {
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> imap.getMessageCount(TestIMAPClient.INBOX) == 0 && dialedBack.get() == 0);
        }
    }

    @Test
    void featuresInClearShouldOfferOnlyRequiredStartTls() {
        try (RawS2sStream stream = RawS2sStream.connect(JAMES)) {
            String features = stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, JAMES_DOMAIN)).await("</stream:features>");

            assertThat(features).contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>")
                .doesNotContain("urn:xmpp:features:dialback", "urn:ietf:params:xml:ns:xmpp-sasl");
        }
    }

    @Test
    void dialbackInClearShouldGetAStreamErrorWithoutDialingBack() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(JAMES)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, JAMES_DOMAIN)).streamId();

            stream.send("<db:result from='clear.test' to='james.test'>key</db:result>");

            assertPolicyViolationAndClosed(stream);
        }
        assertNothingDialedOrDelivered();
    }

    @Test
    void dialbackAndStanzaInClearShouldGetAStreamErrorAndNoMail() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(JAMES)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, JAMES_DOMAIN)).streamId();

            stream.send("<db:result from='clear.test' to='james.test'>key</db:result>" + message("m1"));

            assertPolicyViolationAndClosed(stream);
        }
        assertNothingDialedOrDelivered();
    }

    @Test
    void stanzaInClearShouldGetAStreamErrorAndNoMail() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(JAMES)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, JAMES_DOMAIN)).streamId();

            stream.send(message("m2"));

            assertPolicyViolationAndClosed(stream);
        }
        assertNothingDialedOrDelivered();
    }

    @Test
    void peerPretendingToBeAPreVersionOneServerShouldNotDialbackInClear() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(JAMES)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, JAMES_DOMAIN).replace("' version='1.0'>", "'>"))
                .await("<stream:stream");

            stream.send("<db:result from='clear.test' to='james.test'>key</db:result>" + message("m3"));

            assertPolicyViolationAndClosed(stream);
        }
        assertNothingDialedOrDelivered();
    }

    @Test
    void startTlsShouldBeTheWayInWithTheConfiguredCertificate() {
        StartTlsProbe.Result result = StartTlsProbe.run(JAMES, PEER_DOMAIN, JAMES_DOMAIN);

        assertThat(result.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(result.featuresOverTls()).contains("urn:xmpp:features:dialback").doesNotContain("starttls");
    }
}
