package org.jamesxmpp.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.awaitility.Awaitility;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.StartTlsProbe;
import org.jamesxmpp.testing.TestCertificate;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;

/**
 * A certificate renewed on disk (as certbot or an ACME client writes it) is served by James's s2s listener within
 * {@code tls/reloadInterval}, without a restart; a half-written file in between changes nothing.
 */
class CertificateRenewalTest {
    static final String SECRET = "renewal";
    static final InetSocketAddress JAMES = new InetSocketAddress("127.0.175.3", 5269);
    static final Path DIRECTORY = temporaryDirectory();
    static final Path KEYSTORE = DIRECTORY.resolve("xmpp.p12");
    static final TestCertificate FIRST = TestPki.create().issue("james.test");
    static final TestCertificate RENEWED = TestPki.create().issue("james.test");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(reloadingEverySecond());

    @Test
    void renewedCertificateShouldBeServedWithoutARestart(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, "james.test", "secret").ensureDomain();
        assertThat(served()).isEqualTo(FIRST.certificate());

        Files.writeString(KEYSTORE, "half written");
        Files.setLastModifiedTime(KEYSTORE, FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(2_500);
        assertThat(served()).as("a broken file keeps the certificate in use").isEqualTo(FIRST.certificate());

        Path written = RENEWED.writeKeyStore(DIRECTORY.resolve("renewed.p12"), SECRET);
        Files.move(written, KEYSTORE, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(KEYSTORE, FileTime.from(Instant.now().plusSeconds(10)));
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(served()).isEqualTo(RENEWED.certificate()));
    }

    private static X509Certificate served() {
        return StartTlsProbe.run(JAMES, "peer.test", "james.test").certificate();
    }

    private static Module reloadingEverySecond() {
        FIRST.writeKeyStore(KEYSTORE, SECRET);
        String xml = "<xmpp><listener><bind>" + JAMES.getHostString() + ":5269</bind></listener>"
            + "<c2s enabled=\"false\"/>"
            + "<tls><keystore>file://" + KEYSTORE + "</keystore><secret>" + SECRET + "</secret>"
            + "<reloadInterval>1s</reloadInterval></tls>"
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

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("certificate-renewal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
