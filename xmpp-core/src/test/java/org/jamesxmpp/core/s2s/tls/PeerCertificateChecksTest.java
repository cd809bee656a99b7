package org.jamesxmpp.core.s2s.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.testing.TestCertificate;
import org.jamesxmpp.testing.TestCertificateNames;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The peer name checks of both directions over real TLS handshakes in memory: outgoing (TLS required), the handshake
 * of a stream we open to {@value #PEER} fails unless the server certificate names it; incoming, SASL EXTERNAL for {@value #PEER} is
 * possible only when the client certificate names it ({@link PeerCertificates#isTrustedFor}).
 */
class PeerCertificateChecksTest {
    static final String PEER = "a.test";
    static final String SECRET = "changeit";

    @TempDir
    Path directory;
    TestPki pki;
    TlsContexts testee;

    @BeforeEach
    void setUp() {
        pki = TestPki.create();
        testee = tlsContexts(true);
    }

    private TlsContexts tlsContexts(boolean required) {
        Path keyStore = pki.issue("james.test").writeKeyStore(directory.resolve("james.p12"), SECRET);
        Path trustStore = pki.writeTrustStore(directory.resolve("trust.p12"), SECRET);
        return new TlsContexts(new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", SECRET),
            Optional.of(new KeyStoreSettings(trustStore, "PKCS12", SECRET)), required, true));
    }

    @Test
    void dnsIdShouldBeAcceptedBothWays() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.none().dnsName(PEER));

        assertThat(outgoingHandshakeSucceeds(certificate)).isTrue();
        assertThat(incomingSaslExternalPossible(certificate)).isTrue();
    }

    @Test
    void xmppAddrOnlyCertificateShouldBeAcceptedBothWays() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.none().xmppAddr(PEER));

        assertThat(outgoingHandshakeSucceeds(certificate)).isTrue();
        assertThat(incomingSaslExternalPossible(certificate)).isTrue();
    }

    @Test
    void srvIdOnlyCertificateShouldBeAcceptedBothWays() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.none().srvName("_xmpp-server", PEER));

        assertThat(outgoingHandshakeSucceeds(certificate)).isTrue();
        assertThat(incomingSaslExternalPossible(certificate)).isTrue();
    }

    @Test
    void srvIdOfTheClientServiceShouldBeRefusedBothWays() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.none().srvName("_xmpp-client", PEER));

        assertThat(outgoingHandshakeSucceeds(certificate)).isFalse();
        assertThat(incomingSaslExternalPossible(certificate)).isFalse();
    }

    @Test
    void certificateOfAnotherDomainShouldBeRefusedBothWays() {
        TestCertificate certificate = pki.issue("b.test", TestCertificateNames.dnsAndCommonName("b.test")
            .xmppAddr("b.test").srvName("_xmpp-server", "b.test"));

        assertThat(outgoingHandshakeSucceeds(certificate)).isFalse();
        assertThat(incomingSaslExternalPossible(certificate)).isFalse();
    }

    @Test
    void xmppAddrOfAUserShouldBeRefusedBothWays() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.none().xmppAddr("alice@" + PEER));

        assertThat(outgoingHandshakeSucceeds(certificate)).isFalse();
        assertThat(incomingSaslExternalPossible(certificate)).isFalse();
    }

    @Test
    void commonNameShouldBeRefusedWhenTheCertificateHasOtherNames() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.none().commonName(PEER).dnsName("b.test"));

        assertThat(outgoingHandshakeSucceeds(certificate)).isFalse();
        assertThat(incomingSaslExternalPossible(certificate)).isFalse();
    }

    @Test
    void expiredCertificateShouldBeRefusedBothWays() {
        TestCertificate certificate = pki.issue(PEER, TestCertificateNames.dnsAndCommonName(PEER).xmppAddr(PEER).expired());

        assertThat(outgoingHandshakeSucceeds(certificate)).isFalse();
        assertThat(incomingSaslExternalPossible(certificate)).isFalse();
    }

    @Test
    void certificateOfAnUntrustedAuthorityShouldBeRefusedBothWays() {
        TestCertificate certificate = TestPki.create().issue(PEER, TestCertificateNames.dnsAndCommonName(PEER).xmppAddr(PEER));

        assertThat(outgoingHandshakeSucceeds(certificate)).isFalse();
        assertThat(incomingSaslExternalPossible(certificate)).isFalse();
    }

    @Test
    void outgoingHandshakeShouldGoOnWithACertificateFailingTheCheckWhenTlsIsNotRequired() {
        testee = tlsContexts(false);

        assertThat(outgoingHandshakeSucceeds(TestPki.create().issue(PEER))).isTrue();
        assertThat(outgoingHandshakeSucceeds(pki.issue("b.test"))).isTrue();
        assertThat(incomingSaslExternalPossible(TestPki.create().issue(PEER))).isFalse();
    }

    /** We open a stream to {@value #PEER}; its server presents {@code certificate}. */
    private boolean outgoingHandshakeSucceeds(TestCertificate certificate) {
        SslHandler client = testee.clientHandler(ByteBufAllocator.DEFAULT, PEER);
        SslHandler server = build(SslContextBuilder.forServer(certificate.key(), certificate.certificate(),
            certificate.issuer())).newHandler(ByteBufAllocator.DEFAULT);

        MemoryHandshake.run(client, server);

        return client.handshakeFuture().isSuccess();
    }

    /** {@value #PEER} opens a stream to us presenting {@code certificate}; the handshake always succeeds. */
    private boolean incomingSaslExternalPossible(TestCertificate certificate) {
        SslHandler client = build(SslContextBuilder.forClient()
            .keyManager(certificate.key(), certificate.certificate(), certificate.issuer())
            .trustManager(InsecureTrustManagerFactory.INSTANCE)).newHandler(ByteBufAllocator.DEFAULT);
        SslHandler server = testee.serverHandler(ByteBufAllocator.DEFAULT);

        MemoryHandshake.run(client, server);

        assertThat(server.handshakeFuture().isSuccess()).as("incoming handshake").isTrue();
        SSLSession session = server.engine().getSession();
        return testee.peerCertificates().isTrustedFor(session, PEER);
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
