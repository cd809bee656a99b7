package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesxmpp.guice.XmppProbe;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XEP-0368 direct TLS on the client listener: James in-process with STARTTLS on 127.0.195.1 and direct TLS on
 * 127.0.195.2 (free ports, the bundled keystore); a real slixmpp client over direct TLS and a Smack client over
 * STARTTLS, and a hand-written TLS client to look at ALPN, the certificate and the features.
 */
class C2sDirectTlsTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' to='" + DOMAIN + "' version='1.0'>";

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(C2sTestUsers.clientListener(
        "127.0.195.3:5269", "<bind>127.0.195.1:0</bind><directTls><bind>127.0.195.2:0</bind></directTls>"
            + "<limits><failureDelay>200ms</failureDelay></limits>"));

    @BeforeAll
    static void createDomain(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
    }

    private static JamesUsers users(GuiceJamesServer server) {
        return new JamesUsers(server, DOMAIN, PASSWORD);
    }

    private static InetSocketAddress directTls(GuiceJamesServer server) {
        return server.getProbe(XmppProbe.class).c2sDirectTlsAddresses().get(0);
    }

    private static String plain(String user, String password) {
        return "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
            + Base64.getEncoder().encodeToString(("\u0000" + user + "\u0000" + password).getBytes(StandardCharsets.UTF_8))
            + "</auth>";
    }

    @Test
    void slixmppShouldLogInOverDirectTlsAndChatWithAStartTlsClient(GuiceJamesServer server) throws Exception {
        String frank = users(server).create("frank-direct");
        String grace = users(server).create("grace-direct");

        try (SmackClient graceClient = new C2sTestUsers(server, DOMAIN, PASSWORD).login(grace, "desk");
             SlixmppClient frankClient = SlixmppClient.startDirectTls(frank + "/slix", PASSWORD, directTls(server), grace,
                 "hi over direct tls", TIMEOUT)) {
            Message atGrace = C2sTestUsers.awaitBody(graceClient, "hi over direct tls", TIMEOUT).get(0);
            assertThat(atGrace.getFrom().toString()).isEqualTo(frank + "/slix");
            graceClient.send(C2sTestUsers.chat(atGrace.getFrom().toString(), "hi over starttls"));

            assertThat(frankClient.awaitExit(TIMEOUT.plusSeconds(10)))
                .contains("SESSION " + frank + "/slix", "ALPN xmpp-client", "SENT", "RECEIVED " + grace + "/desk hi over starttls");
        }
    }

    @Test
    void directTlsShouldSelectAlpnShowTheStartTlsCertificateAndOfferSaslWithoutStartTls(GuiceJamesServer server)
        throws Exception {
        try (RawClientStream stream = RawClientStream.overDirectTls(directTls(server), DOMAIN, "xmpp-client")) {
            assertThat(stream.applicationProtocol()).isEqualTo("xmpp-client");
            assertThat(stream.tlsSession().getPeerCertificates()[0]).isEqualTo(bundledCertificate());

            String features = stream.send(HEADER).readUntil("</stream:features>");

            assertThat(features).contains("<mechanism>PLAIN</mechanism>").doesNotContain("starttls");
        }
    }

    @Test
    void wrongPasswordOverDirectTlsShouldBeNotAuthorized(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-direct-wrong");

        try (RawClientStream stream = RawClientStream.overDirectTls(directTls(server), DOMAIN, "xmpp-client")) {
            stream.send(HEADER).readUntil("</stream:features>");

            assertThat(stream.send(plain(C2sTestUsers.localPart(bob), "not-" + PASSWORD)).readUntil("</failure>"))
                .contains("<not-authorized/>");
        }
    }

    @Test
    void clientWithoutTlsShouldGetNoStreamOnTheDirectTlsAddress(GuiceJamesServer server) throws Exception {
        try (RawClientStream stream = new RawClientStream(directTls(server))) {
            assertThatThrownBy(() -> stream.send(HEADER).readUntil("<stream:features"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("stream closed before");
        }
    }

    private static Certificate bundledCertificate() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream input = C2sDirectTlsTest.class.getResourceAsStream("/keystore")) {
            keyStore.load(input, "james-xmpp".toCharArray());
        }
        return keyStore.getCertificate(keyStore.aliases().nextElement());
    }
}
