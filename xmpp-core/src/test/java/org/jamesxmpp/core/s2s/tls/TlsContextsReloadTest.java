package org.jamesxmpp.core.s2s.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.LogCapture;
import org.jamesxmpp.testing.StartTlsProbe;
import org.jamesxmpp.testing.TestCertificate;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewed certificate is served to new streams without a restart; a broken replacement keeps the previous one. */
class TlsContextsReloadTest {
    static final String SECRET = "changeit";
    static final InetSocketAddress LISTENER = new InetSocketAddress("127.0.175.1", 5269);

    @TempDir
    Path directory;
    Path keyStore;
    TestCertificate first;
    TestCertificate renewed;
    TlsContexts testee;
    S2sServer server;

    @BeforeEach
    void setUp() {
        keyStore = directory.resolve("xmpp.p12");
        first = TestPki.create().issue("james.test");
        renewed = TestPki.create().issue("james.test");
        first.writeKeyStore(keyStore, SECRET);
        testee = new TlsContexts(new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", SECRET), Optional.empty(),
            false, false));
        server = new S2sServer(S2sSettings.builder().bind(LISTENER).tls(testee).build(), LocalDomains.of("james.test"),
            stanza -> CompletableFuture.completedFuture(null), new MemoryDialbackSecretStore(), Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    @Test
    void unchangedStoreShouldNotBeLoadedAgain() {
        assertThat(testee.reloadIfChanged()).isFalse();
        assertThat(served()).isEqualTo(first.certificate());
    }

    @Test
    void renewedCertificateShouldBeServedToTheNextStream() throws Exception {
        assertThat(served()).isEqualTo(first.certificate());

        replaceKeyStore(renewed);

        assertThat(testee.reloadIfChanged()).isTrue();
        assertThat(testee.certificate()).isEqualTo(renewed.certificate());
        assertThat(served()).isEqualTo(renewed.certificate());
    }

    @Test
    void brokenReplacementShouldKeepThePreviousCertificateAndBeLoggedOnce() throws Exception {
        Files.writeString(keyStore, "half written");
        Files.setLastModifiedTime(keyStore, FileTime.from(Instant.now().plusSeconds(5)));

        List<String> warnings;
        try (LogCapture logs = LogCapture.of(TlsContexts.class)) {
            assertThat(testee.reloadIfChanged()).isFalse();
            assertThat(testee.reloadIfChanged()).isFalse();
            warnings = logs.messages();
        }

        assertThat(warnings).singleElement().asString().contains("cannot be loaded", "previous one stays in use");
        assertThat(served()).isEqualTo(first.certificate());
        replaceKeyStore(renewed);
        assertThat(testee.reloadIfChanged()).isTrue();
        assertThat(served()).isEqualTo(renewed.certificate());
    }

    /** A new file, with a modification time that differs even on file systems counting whole seconds. */
    private void replaceKeyStore(TestCertificate certificate) throws Exception {
        Path written = certificate.writeKeyStore(directory.resolve("new.p12"), SECRET);
        Files.move(written, keyStore, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(keyStore, FileTime.from(Instant.now().plusSeconds(10)));
    }

    private X509Certificate served() {
        return StartTlsProbe.run(LISTENER, "peer.test", "james.test").certificate();
    }
}
