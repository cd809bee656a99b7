package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.EjabberdPeer;
import org.jamesxmpp.testing.EjabberdTls;
import org.jamesxmpp.testing.SmackClient;
import org.jamesxmpp.testing.TestPki;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * s2s with a real ejabberd 23.01 over STARTTLS, both ways, with certificates of the test PKI. Each test asserts the
 * authentication method each side actually used: ours from the stanza ejabberd sent us ({@link InboundStanza#authMethod},
 * the source of the mail's {@code Authentication-Results}), ejabberd's from its log line
 * {@code (tls|<pid>) Accepted inbound|outbound s2s <method> authentication <from> -> <to>}, which names the transport.
 */
class S2sTlsWithEjabberdTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final String LOCAL_ADDRESS = "127.0.80.3";
    static final String PEER_DOMAIN = "ejabberd.test";
    static final String PEER_ADDRESS = "127.0.80.2";
    static final String SECRET = "changeit";

    @TempDir
    Path directory;
    EjabberdPeer ejabberd;
    S2sServer testee;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() {
        Optional.ofNullable(testee).ifPresent(S2sServer::stop);
        Optional.ofNullable(ejabberd).ifPresent(EjabberdPeer::close);
    }

    @Test
    void starttlsAndDialbackShouldAuthenticateBothWaysWhenNeitherSideTrustsTheOtherCertificate() throws Exception {
        TestPki ejabberdPki = TestPki.create();
        TestPki ourPki = TestPki.create();
        start(new EjabberdTls(ejabberdPki.issue(PEER_DOMAIN), TestPki.create(), false), ourPki, TestPki.create(), false);

        assertMessagesFlowBothWays(AuthMethod.DIALBACK, "dialback");
    }

    @Test
    void saslExternalShouldAuthenticateBothWaysWhenBothTrustTheOtherCertificate() throws Exception {
        TestPki pki = TestPki.create();
        start(new EjabberdTls(pki.issue(PEER_DOMAIN), pki, false), pki, pki, false);

        assertMessagesFlowBothWays(AuthMethod.SASL_EXTERNAL, "EXTERNAL");
    }

    @Test
    void saslExternalShouldAuthenticateBothWaysWhenBothSidesRequireTls() throws Exception {
        TestPki pki = TestPki.create();
        start(new EjabberdTls(pki.issue(PEER_DOMAIN), pki, true), pki, pki, true);

        assertMessagesFlowBothWays(AuthMethod.SASL_EXTERNAL, "EXTERNAL");
    }

    private void assertMessagesFlowBothWays(AuthMethod expectedInbound, String ejabberdMethod) throws Exception {
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
            Message message = StanzaBuilder.buildMessage("m1")
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from("alice@" + PEER_DOMAIN))
                .ofType(Message.Type.chat)
                .setBody("hello alice")
                .build();
            testee.send(message).toCompletableFuture().get(20, TimeUnit.SECONDS);
            alice.awaitMessages(m -> "hello alice".equals(m.getBody()), 1, Duration.ofSeconds(10));
            awaitEjabberdLog("inbound", ejabberdMethod, LOCAL_DOMAIN, PEER_DOMAIN);

            alice.sendMessage("bob@" + LOCAL_DOMAIN, "hello bob");
            InboundStanza inbound = received.poll(20, TimeUnit.SECONDS);

            assertThat(inbound).as(ejabberd.log()).isNotNull();
            assertThat(inbound.tls()).isTrue();
            assertThat(inbound.authMethod()).isEqualTo(expectedInbound);
            assertThat(inbound.peerDomain()).isEqualTo(PEER_DOMAIN);
            assertThat(((Message) inbound.stanza()).getBody()).isEqualTo("hello bob");
            awaitEjabberdLog("outbound", ejabberdMethod, PEER_DOMAIN, LOCAL_DOMAIN);
        }
    }

    /** ejabberd's own account of a stream: over TLS, authenticated by {@code method}, from {@code from} to {@code to}. */
    private void awaitEjabberdLog(String direction, String method, String from, String to) {
        Pattern line = Pattern.compile("\\(tls\\|[^)]*\\) Accepted " + direction + " s2s " + Pattern.quote(method)
            + " authentication " + Pattern.quote(from) + " -> " + Pattern.quote(to) + " ");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(ejabberd.log()).containsPattern(line));
    }

    /**
     * @param ejabberdTls ejabberd's certificate, the authority it trusts and whether it requires STARTTLS
     * @param ourPki issues our certificate
     * @param weTrust the authority we check ejabberd's certificate against
     * @param weRequireTls our {@code tls/required}; certificates are checked ({@code verifyCertificates}) either way
     */
    private void start(EjabberdTls ejabberdTls, TestPki ourPki, TestPki weTrust, boolean weRequireTls) {
        ejabberd = EjabberdPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .user("alice", "secret")
            .tls(ejabberdTls)
            .start();
        Path keyStore = ourPki.issue(LOCAL_DOMAIN).writeKeyStore(directory.resolve("james.p12"), SECRET);
        Path trustStore = weTrust.writeTrustStore(directory.resolve("trust.p12"), SECRET);
        S2sSettings settings = S2sSettings.builder()
            .bind(new InetSocketAddress(LOCAL_ADDRESS, 5269))
            .route(new StaticRoute(PEER_DOMAIN, PEER_ADDRESS, 5269))
            .tls(new TlsContexts(new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", SECRET),
                Optional.of(new KeyStoreSettings(trustStore, "PKCS12", SECRET)), weRequireTls, true)))
            // ejabberd 23.01 ignores an unadvertised <enable/> (S2sWithEjabberdTest)
            .streamManagement(false)
            .responseTimeout(Duration.ofSeconds(10))
            .build();
        testee = new S2sServer(settings, LocalDomains.of(LOCAL_DOMAIN), stanza -> {
            received.add(stanza);
            return CompletableFuture.completedFuture(null);
        }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
    }
}
