package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jamesxmpp.testing.TestCertificate;
import org.jamesxmpp.testing.TestCertificateNames;
import org.jamesxmpp.testing.TestPki;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

class S2sTlsWithProsodyTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final String LOCAL_ADDRESS = "127.0.11.3";
    static final String PEER_DOMAIN = "a.test";
    static final String PEER_ADDRESS = "127.0.11.2";
    static final String SECRET = "changeit";

    @TempDir
    Path directory;
    ProsodyPeer prosody;
    S2sServer testee;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();
    /** Whether we check Prosody's certificate; by default when we trust its authority. */
    Optional<Boolean> verifyCertificates = Optional.empty();

    @AfterEach
    void tearDown() {
        if (testee != null) {
            testee.stop();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void saslExternalShouldAuthenticateBothWaysWhenProsodyRequiresSecureAuth() throws Exception {
        TestPki pki = TestPki.create();
        start(pki, pki, pki, true, false);

        assertMessagesFlowBothWays(AuthMethod.SASL_EXTERNAL);
    }

    @Test
    void dialbackOverTlsShouldAuthenticateBothWaysWhenNeitherSideTrustsTheOtherCertificate() throws Exception {
        TestPki unrelated = TestPki.create();
        start(TestPki.create(), unrelated, unrelated, false, false);

        assertMessagesFlowBothWays(AuthMethod.DIALBACK);
    }

    /** The shipped configuration's case: certificates checked, TLS not required, a peer certificate we cannot verify. */
    @Test
    void dialbackOverTlsShouldAuthenticateBothWaysWhenWeCheckCertificatesWithoutRequiringTls() throws Exception {
        TestPki unrelated = TestPki.create();
        verifyCertificates = Optional.of(true);
        start(TestPki.create(), unrelated, unrelated, false, false);

        assertMessagesFlowBothWays(AuthMethod.DIALBACK);
    }

    @Test
    void requiredTlsOnOurSideShouldInteroperateWithProsody() throws Exception {
        TestPki pki = TestPki.create();
        start(pki, pki, pki, false, true);

        assertMessagesFlowBothWays(AuthMethod.SASL_EXTERNAL);
    }

    @Test
    void saslExternalShouldAuthenticateBothWaysWhenProsodysCertificateNamesItOnlyByXmppAddrAndSrvId() throws Exception {
        TestPki pki = TestPki.create();
        start(pki.issue(PEER_DOMAIN, TestCertificateNames.none().xmppAddr(PEER_DOMAIN).srvName("_xmpp-server", PEER_DOMAIN)),
            pki, pki, pki, true, false);

        assertMessagesFlowBothWays(AuthMethod.SASL_EXTERNAL);
    }

    private void assertMessagesFlowBothWays(AuthMethod expectedInbound) throws Exception {
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            Message message = StanzaBuilder.buildMessage("m1")
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from("alice@" + PEER_DOMAIN))
                .setBody("hello alice")
                .build();
            testee.send(message).toCompletableFuture().get(20, TimeUnit.SECONDS);
            alice.awaitMessages(m -> "hello alice".equals(m.getBody()), 1, Duration.ofSeconds(10));

            alice.sendMessage("bob@" + LOCAL_DOMAIN, "hello bob");
            InboundStanza inbound = received.poll(20, TimeUnit.SECONDS);

            assertThat(inbound).as(prosody.log()).isNotNull();
            assertThat(inbound.tls()).isTrue();
            assertThat(inbound.authMethod()).isEqualTo(expectedInbound);
            assertThat(inbound.peerDomain()).isEqualTo(PEER_DOMAIN);
            assertThat(((Message) inbound.stanza()).getBody()).isEqualTo("hello bob");
        }
    }

    /**
     * @param prosodyPki issues Prosody's certificate; Prosody trusts it only
     * @param ourPki issues our certificate
     * @param weTrust the authority we check Prosody's certificate against (and verify it when it
     *     is {@code prosodyPki})
     * @param weRequireTls whether our TLS settings say {@code required}
     */
    private void start(TestPki prosodyPki, TestPki ourPki, TestPki weTrust, boolean secureAuth, boolean weRequireTls) {
        start(prosodyPki.issue(PEER_DOMAIN), prosodyPki, ourPki, weTrust, secureAuth, weRequireTls);
    }

    private void start(TestCertificate prosodyCertificate, TestPki prosodyPki, TestPki ourPki, TestPki weTrust,
                       boolean secureAuth, boolean weRequireTls) {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .user("alice", "secret")
            .tls(prosodyCertificate, prosodyPki)
            .secureAuth(secureAuth)
            .start();
        Path keyStore = ourPki.issue(LOCAL_DOMAIN).writeKeyStore(directory.resolve("james.p12"), SECRET);
        Path trustStore = weTrust.writeTrustStore(directory.resolve("trust.p12"), SECRET);
        S2sSettings settings = S2sSettings.builder()
            .bind(new InetSocketAddress(LOCAL_ADDRESS, 5269))
            .route(new StaticRoute(PEER_DOMAIN, PEER_ADDRESS, 5269))
            .tls(new TlsContexts(new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", SECRET),
                Optional.of(new KeyStoreSettings(trustStore, "PKCS12", SECRET)), weRequireTls,
                verifyCertificates.orElse(weTrust == prosodyPki))))
            .responseTimeout(Duration.ofSeconds(10))
            .build();
        testee = new S2sServer(settings, LocalDomains.of(LOCAL_DOMAIN), stanza -> {
            received.add(stanza);
            return CompletableFuture.completedFuture(null);
        }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
    }
}
