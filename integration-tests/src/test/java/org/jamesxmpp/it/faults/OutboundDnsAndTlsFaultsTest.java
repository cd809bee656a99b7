package org.jamesxmpp.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

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
import org.jamesxmpp.testing.TestPki;
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
 * Outbound DNS and TLS faults against real James (issue 16). James asks a fake DNS server on 127.0.125.53
 * ({@code dns/server}) for SRV records, with a {@code dns/lookupTimeout} of {@value #LOOKUP_TIMEOUT}; it has a
 * certificate and a truststore of a test PKI, and requires TLS with a certificate it trusts ({@code tls/required}: with
 * TLS optional an untrusted certificate only encrypts, and dialback authenticates the peer). The STARTTLS peers (127.0.125.11-12, routed in the test {@code xmpp.xml}) require
 * TLS, then show a certificate of another PKI, or answer {@code <proceed/>} with bytes that are no TLS. Each mail ends
 * in one DSN to its sender naming the recipient and the reason; no socket or stream is left.
 */
class OutboundDnsAndTlsFaultsTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String SECRET = "changeit";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofMinutes(2));
    private static final String LOOKUP_TIMEOUT = "2s";
    private static final String UNTRUSTED_PEER_ADDRESS = "127.0.125.11";
    private static final String BROKEN_TLS_PEER_ADDRESS = "127.0.125.12";
    private static final Path DIRECTORY = directory();
    private static final FakeDnsServer DNS = startDns();

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(faultConfiguration());

    private static StartTlsPeer untrusted;
    private static StartTlsPeer brokenTls;

    @BeforeAll
    static void startPeers() throws Exception {
        untrusted = StartTlsPeer.start(UNTRUSTED_PEER_ADDRESS, Optional.of(serverContext(TestPki.create())));
        brokenTls = StartTlsPeer.start(BROKEN_TLS_PEER_ADDRESS, Optional.empty());
    }

    @AfterAll
    static void stopPeers() throws Exception {
        untrusted.close();
        brokenTls.close();
        DNS.close();
        try (var files = Files.list(DIRECTORY)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(DIRECTORY);
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        users(server).ensureDomain();
    }

    @Test
    void srvLookupAnsweredWithServfailShouldLeaveTheMailToSmtpWhichBouncesItNamingTheRecipient(GuiceJamesServer server)
        throws Exception {
        DNS.answer("_xmpp-server._tcp.servfail.test", FakeDnsServer.Answer.SERVFAIL);

        String dsn = bounceFor(server, "bob-servfail", "carol@servfail.test");

        assertThat(DNS.queries("_xmpp-server._tcp.servfail.test")).as("James asked the configured server").isPositive();
        assertThat(dsn).contains("carol@servfail.test");
        assertNoStream(server);
    }

    @Test
    void srvLookupNeverAnsweredShouldLeaveTheMailToSmtpAfterTheLookupTimeoutWhichBouncesIt(GuiceJamesServer server)
        throws Exception {
        DNS.answer("_xmpp-server._tcp.silent-dns.test", FakeDnsServer.Answer.SILENCE);

        String dsn = bounceFor(server, "bob-silent-dns", "carol@silent-dns.test");

        assertThat(DNS.queries("_xmpp-server._tcp.silent-dns.test")).isPositive();
        assertThat(dsn).contains("carol@silent-dns.test");
        assertNoStream(server);
    }

    @Test
    void srvTargetThatDoesNotResolveShouldBeRetriedThenBouncedAsRemoteServerNotFound(GuiceJamesServer server)
        throws Exception {
        DNS.srv("_xmpp-server._tcp.nohost.test", "xmpp.nohost.invalid", 5269);

        String dsn = bounceFor(server, "bob-nohost", "carol@nohost.test");

        assertThat(dsn)
            .contains("Final-Recipient: rfc822; carol@nohost.test")
            .contains("Action: failed")
            .containsPattern("Status: 4\\.4\\.4")
            .contains("remote-server-not-found")
            .contains("gave up after 3 retries");
        assertNoStream(server);
    }

    @Test
    void peerWithACertificateWeDoNotTrustShouldBeRetriedThenBouncedNamingTheFailedHandshake(GuiceJamesServer server)
        throws Exception {
        String dsn = bounceFor(server, "bob-untrusted", "carol@untrusted-tls.test");

        assertThat(dsn)
            .contains("Final-Recipient: rfc822; carol@untrusted-tls.test")
            .contains("Action: failed")
            .containsPattern("Status: 4\\.7\\.0")
            .contains("authentication-failed")
            .contains("TLS handshake failed")
            .contains("gave up after 3 retries");
        assertThat(untrusted.proceeded()).as("James asked for STARTTLS").isPositive();
        assertReleased(server, untrusted);
    }

    @Test
    void peerWhoseHandshakeIsBrokenShouldBeRetriedThenBouncedNamingTheFailedHandshake(GuiceJamesServer server)
        throws Exception {
        String dsn = bounceFor(server, "bob-broken-tls", "carol@broken-tls.test");

        assertThat(dsn)
            .contains("Final-Recipient: rfc822; carol@broken-tls.test")
            .contains("Action: failed")
            .containsPattern("Status: 4\\.7\\.0")
            .contains("authentication-failed")
            .contains("TLS handshake failed: ")
            .doesNotContain("TLS handshake failed: null")
            .contains("gave up after 3 retries");
        assertThat(brokenTls.proceeded()).isPositive();
        assertReleased(server, brokenTls);
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

    private static void assertNoStream(GuiceJamesServer server) {
        AWAIT.untilAsserted(() -> assertThat(server.getProbe(XmppProbe.class).s2sServer().outgoingStreams()).isEmpty());
    }

    private static void assertReleased(GuiceJamesServer server, StartTlsPeer peer) {
        AWAIT.untilAsserted(() -> {
            assertThat(peer.stillOpen()).as("sockets James left open").isZero();
            assertThat(server.getProbe(XmppProbe.class).s2sServer().outgoingStreams()).isEmpty();
        });
    }

    /** The test xmpp.xml, read as James reads it, with the fake DNS server, a test PKI and the short timeouts (the STARTTLS peers' routes are in it). */
    private static Module faultConfiguration() {
        TestPki pki = TestPki.create();
        Path keyStore = pki.issue(JAMES_DOMAIN).writeKeyStore(DIRECTORY.resolve("james.p12"), SECRET);
        Path trustStore = pki.writeTrustStore(DIRECTORY.resolve("trust.p12"), SECRET);
        return new AbstractModule() {
            @Provides
            @Singleton
            XmppConfiguration xmppConfiguration(ConfigurationProvider provider) throws ConfigurationException {
                HierarchicalConfiguration<ImmutableNode> xmpp = provider.getConfiguration("xmpp");
                xmpp.setProperty("dns.server", DNS.address().getHostString() + ":" + DNS.address().getPort());
                xmpp.setProperty("dns.lookupTimeout", LOOKUP_TIMEOUT);
                xmpp.setProperty("streams.responseTimeout", "3s");
                xmpp.setProperty("tls.keystore", "file://" + keyStore.toAbsolutePath());
                xmpp.setProperty("tls.secret", SECRET);
                xmpp.setProperty("tls.truststore", "file://" + trustStore.toAbsolutePath());
                xmpp.setProperty("tls.truststoreSecret", SECRET);
                xmpp.setProperty("tls.required", "true");
                return XmppConfiguration.from(xmpp);
            }
        };
    }

    private static SSLContext serverContext(TestPki otherPki) throws Exception {
        Path file = otherPki.issue("untrusted-tls.test").writeKeyStore(DIRECTORY.resolve("untrusted.p12"), SECRET);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            keyStore.load(in, SECRET.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, SECRET.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static FakeDnsServer startDns() {
        try {
            return FakeDnsServer.start("127.0.125.53");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        try {
            return Files.createTempDirectory("james-xmpp-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
