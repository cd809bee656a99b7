package org.jamesxmpp.listener.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.mapping.Attachment;
import org.jamesxmpp.listener.configuration.AttachmentsConfiguration;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attachment server over HTTPS with a keystore of its own (attachments/https): a client trusting the certificate's
 * authority downloads the file and a byte range; the certificate served is the keystore's; plain HTTP gets no file.
 */
class AttachmentHttpsServerTest {
    private static final String SECRET = "changeit";
    private static final byte[] FILE = randomBytes();

    private static final FileSystem PLAIN_FILES = new FileSystem() {
        @Override
        public InputStream getResource(String url) throws IOException {
            return new FileInputStream(getFile(url));
        }

        @Override
        public File getFile(String fileUrl) {
            return new File(fileUrl.replaceFirst("^file://", ""));
        }

        @Override
        public File getBasedir() {
            return new File(".");
        }
    };

    @TempDir
    Path temp;

    private TestPki pki;
    private AttachmentHttpServer testee;
    private String token;

    private static byte[] randomBytes() {
        byte[] bytes = new byte[3000];
        new Random(8095).nextBytes(bytes);
        return bytes;
    }

    @BeforeEach
    void setUp() throws Exception {
        pki = TestPki.create();
        Path keystore = pki.issue("files.james.test").writeKeyStore(temp.resolve("files.p12"), SECRET);
        AttachmentDirectory directory = new AttachmentDirectory(temp.resolve("files"), Clock.systemUTC());
        token = directory.store(new Attachment(Optional.of("minutes.pdf"), "application/pdf", Optional.empty(), FILE),
            Instant.now().plus(Duration.ofHours(1)));
        testee = new AttachmentHttpServer(directory, new InetSocketAddress("127.0.145.7", 0), 2, Clock.systemUTC(),
            Optional.of(AttachmentTls.serverContext(keystore, "PKCS12", SECRET)));
        testee.start();
    }

    @AfterEach
    void tearDown() {
        testee.stop();
    }

    private HttpsURLConnection open(String path) throws Exception {
        return open(testee.address().orElseThrow().getPort(), path);
    }

    private HttpsURLConnection open(int port, String path) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trustManagers.getTrustManagers(), null);
        HttpsURLConnection connection = (HttpsURLConnection) new URL("https://127.0.145.7:" + port + path).openConnection();
        connection.setSSLSocketFactory(client.getSocketFactory());
        // the certificate names files.james.test, the test connects to its address
        connection.setHostnameVerifier((host, session) -> names(session, "files.james.test"));
        return connection;
    }

    private static boolean names(SSLSession session, String name) {
        try {
            return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectAlternativeNames().stream()
                .anyMatch(entry -> name.equals(entry.get(1)));
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] body(HttpURLConnection connection) throws IOException {
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aClientTrustingTheKeystoresCertificateShouldDownloadTheFile() throws Exception {
        HttpsURLConnection connection = open("/xmpp-files/" + token + "/minutes.pdf");

        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(((X509Certificate) connection.getServerCertificates()[0]).getIssuerX500Principal())
            .isEqualTo(pki.caCertificate().getSubjectX500Principal());
        assertThat(connection.getContentType()).isEqualTo("application/pdf");
        assertThat(connection.getHeaderField("Content-Disposition")).contains("minutes.pdf");
        assertThat(connection.getContentLengthLong()).isEqualTo(FILE.length);
        assertThat(body(connection)).isEqualTo(FILE);
    }

    @Test
    void aRangeShouldBeServedOverHttps() throws Exception {
        HttpsURLConnection connection = open("/xmpp-files/" + token + "/minutes.pdf");
        connection.setRequestProperty("Range", "bytes=1000-1999");

        assertThat(connection.getResponseCode()).isEqualTo(206);
        assertThat(connection.getHeaderField("Content-Range")).isEqualTo("bytes 1000-1999/" + FILE.length);
        assertThat(body(connection)).isEqualTo(Arrays.copyOfRange(FILE, 1000, 2000));
    }

    @Test
    void anUnknownTokenShouldStillBeNotFound() throws Exception {
        assertThat(open("/xmpp-files/" + "A".repeat(43) + "/minutes.pdf").getResponseCode()).isEqualTo(404);
    }

    @Test
    void plainHttpShouldGetNoFile() throws Exception {
        HttpURLConnection plain = (HttpURLConnection) new URL("http://127.0.145.7:" + testee.address().orElseThrow().getPort()
            + "/xmpp-files/" + token + "/minutes.pdf").openConnection();
        plain.setReadTimeout(5000);

        assertThatThrownBy(() -> body(plain)).isInstanceOf(IOException.class);
    }

    @Test
    void aKeystoreThatCannotBeReadShouldNameItself() {
        assertThatThrownBy(() -> AttachmentTls.serverContext(temp.resolve("missing.p12"), "PKCS12", SECRET))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("missing.p12").hasMessageContaining("attachments/https");
        assertThatThrownBy(() -> AttachmentTls.serverContext(pki.issue("x.test").writeKeyStore(temp.resolve("x.p12"), SECRET),
            "PKCS12", "wrong"))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theServerOfXmppXmlShouldSpeakHttpsWithTheS2sKeystore() throws Exception {
        Path keystore = pki.issue("files.james.test").writeKeyStore(temp.resolve("xmpp.p12"), SECRET);
        XMLConfiguration xml = new XMLConfiguration();
        new FileHandler(xml).load(new StringReader("<xmpp><tls><keystore>file://" + keystore + "</keystore><secret>" + SECRET
            + "</secret></tls><attachments><bind>127.0.145.7:0</bind><https>true</https>"
            + "<directory>file://" + temp.resolve("links") + "</directory></attachments></xmpp>"));
        AttachmentLinks links = new AttachmentLinks(AttachmentsConfiguration.from(xml), PLAIN_FILES, Clock.systemUTC());
        links.start();
        try {
            HttpsURLConnection connection = open(links.address().orElseThrow().getPort(), "/xmpp-files/unknown/x.pdf");

            connection.connect();
            assertThat(((X509Certificate) connection.getServerCertificates()[0]).getIssuerX500Principal())
                .isEqualTo(pki.caCertificate().getSubjectX500Principal());
            assertThat(connection.getResponseCode()).isEqualTo(404);
        } finally {
            links.stop();
        }
    }

    @Test
    void theBlobStoreWithoutABlobStoreBoundShouldStopTheStartNamingTheSetting() throws Exception {
        XMLConfiguration xml = new XMLConfiguration();
        new FileHandler(xml).load(new StringReader("<xmpp><attachments><bind>127.0.145.7:0</bind>"
            + "<store>blobstore</store></attachments></xmpp>"));

        assertThatThrownBy(() -> new AttachmentLinks(AttachmentsConfiguration.from(xml), PLAIN_FILES, Clock.systemUTC()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("xmpp.xml: attachments/store 'blobstore'");
    }
}
