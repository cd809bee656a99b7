package org.jamesxmpp.core.s2s.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.testing.TestCertificate;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/** The handler of a client's direct TLS connection (XEP-0368): ALPN, our certificate, and a renewed one. */
class DirectClientTlsTest {
    private static final String SECRET = "changeit";

    @TempDir
    Path directory;
    Path keyStore;
    TestCertificate first;
    TlsContexts testee;

    @BeforeEach
    void setUp() {
        keyStore = directory.resolve("xmpp.p12");
        first = TestPki.create().issue("james.test");
        first.writeKeyStore(keyStore, SECRET);
        testee = new TlsContexts(new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", SECRET), Optional.empty(),
            false, false));
    }

    private static SslHandler client(String... alpn) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE);
        if (alpn.length > 0) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        return builder.build().newHandler(ByteBufAllocator.DEFAULT, "james.test", 5223);
    }

    @Test
    void clientOfferingXmppClientShouldGetItAndOurCertificate() throws Exception {
        SslHandler client = client("xmpp-client");
        SslHandler server = testee.directClientHandler(ByteBufAllocator.DEFAULT);

        MemoryHandshake.run(client, server);

        assertThat(client.handshakeFuture().isSuccess()).isTrue();
        assertThat(client.applicationProtocol()).isEqualTo("xmpp-client");
        assertThat(client.engine().getSession().getPeerCertificates()[0]).isEqualTo(first.certificate());
    }

    @Test
    void clientWithoutAlpnShouldStillGetTheHandshake() throws Exception {
        SslHandler client = client();

        MemoryHandshake.run(client, testee.directClientHandler(ByteBufAllocator.DEFAULT));

        assertThat(client.handshakeFuture().isSuccess()).isTrue();
        assertThat(client.applicationProtocol()).isNull();
    }

    @Test
    void clientShouldNotBeAskedForACertificate() throws Exception {
        SslHandler server = testee.directClientHandler(ByteBufAllocator.DEFAULT);

        MemoryHandshake.run(client("xmpp-client"), server);

        assertThat(server.handshakeFuture().isSuccess()).isTrue();
        assertThatThrownBy(() -> server.engine().getSession().getPeerCertificates())
            .isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @Test
    void renewedCertificateShouldBeServedToTheNextDirectTlsClient() throws Exception {
        TestCertificate renewed = TestPki.create().issue("james.test");
        Path written = renewed.writeKeyStore(directory.resolve("new.p12"), SECRET);
        Files.move(written, keyStore, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(keyStore, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(testee.reloadIfChanged()).isTrue();
        SslHandler client = client("xmpp-client");

        MemoryHandshake.run(client, testee.directClientHandler(ByteBufAllocator.DEFAULT));

        assertThat(client.engine().getSession().getPeerCertificates()[0]).isEqualTo(renewed.certificate());
    }
}
