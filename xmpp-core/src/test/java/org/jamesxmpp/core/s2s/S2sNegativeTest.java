package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.RawS2sStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Our engine against a second instance of itself and against peers that misbehave on purpose. */
class S2sNegativeTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.13.3", 5269);
    static final String PEER_DOMAIN = "b.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.13.4", 5269);
    static final String PEER_SECRET = "b-secret";
    static final InetSocketAddress SILENT = new InetSocketAddress("127.0.13.5", 5269);
    static final InetSocketAddress CLOSED = new InetSocketAddress("127.0.13.6", 5269);

    S2sServer testee;
    S2sServer peer;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();
    BlockingQueue<InboundStanza> peerReceived = new LinkedBlockingQueue<>();
    volatile boolean refuse;
    volatile CompletableFuture<Void> handling = CompletableFuture.completedFuture(null);

    @BeforeEach
    void setUp() {
        testee = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .route(new StaticRoute("silent.test", SILENT.getHostString(), SILENT.getPort()))
            .route(new StaticRoute("closed.test", CLOSED.getHostString(), CLOSED.getPort()))
            .responseTimeout(Duration.ofSeconds(2))
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> {
                received.add(stanza);
                return refuse
                    ? CompletableFuture.failedFuture(new StanzaErrorException(StanzaError.Condition.service_unavailable,
                        StanzaError.Type.CANCEL))
                    : handling;
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
        peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
            .dialbackSecret(PEER_SECRET)
            .build(), LocalDomains.of(PEER_DOMAIN), stanza -> {
                peerReceived.add(stanza);
                return CompletableFuture.completedFuture(null);
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        peer.start();
    }

    @AfterEach
    void tearDown() {
        testee.stop();
        peer.stop();
    }

    private static Message message(String from, String to, String body) throws Exception {
        return StanzaBuilder.buildMessage("id-" + body)
            .from(JidCreate.from(from))
            .to(JidCreate.from(to))
            .setBody(body)
            .build();
    }

    @Test
    void twoEnginesShouldExchangeStanzasBothWays() throws Exception {
        peer.send(message("carol@b.test", "bob@james.test", "to bob")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        testee.send(message("bob@james.test", "carol@b.test", "to carol")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        InboundStanza atTestee = received.poll(10, TimeUnit.SECONDS);
        InboundStanza atPeer = peerReceived.poll(10, TimeUnit.SECONDS);
        assertThat(atTestee.peerDomain()).isEqualTo(PEER_DOMAIN);
        assertThat(atTestee.authMethod()).isEqualTo(AuthMethod.DIALBACK);
        assertThat(((Message) atTestee.stanza()).getBody()).isEqualTo("to bob");
        assertThat(((Message) atPeer.stanza()).getBody()).isEqualTo("to carol");
    }

    @Test
    void senderShouldSeeDeliveryOnlyOnceTheHandlerFinished() throws Exception {
        handling = new CompletableFuture<>();

        CompletableFuture<Void> delivery = peer.send(message("carol@b.test", "bob@james.test", "slowly"))
            .toCompletableFuture();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !delivery.isDone());
        handling.complete(null);
        delivery.get(10, TimeUnit.SECONDS);
    }

    /**
     * The error goes back on our own stream to the sender while the acknowledgement goes on the
     * sender's stream: whichever arrives first, the sender learns of the refusal, either as a
     * failed send (the error matched the pending stanza) or as an error stanza to its handler.
     */
    @Test
    void handlerRefusalShouldReturnTheStanzaErrorToTheSender() throws Exception {
        refuse = true;

        Throwable failure = peer.send(message("carol@b.test", "nobody@james.test", "lost")).toCompletableFuture()
            .handle((any, error) -> error)
            .get(10, TimeUnit.SECONDS);

        StanzaError error = failure == null
            ? peerReceived.poll(10, TimeUnit.SECONDS).stanza().getError()
            : null;
        StanzaErrorException refusal = failure == null
            ? StanzaErrorException.of(error)
            : ((DeliveryException) failure).stanzaError().orElseThrow();
        assertThat(refusal.condition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(refusal.type()).isEqualTo(StanzaError.Type.CANCEL);
    }

    @Test
    void errorStanzaMatchingNoPendingSendShouldReachTheHandler() throws Exception {
        Message unsolicited = StanzaBuilder.buildMessage("late-id")
            .from(JidCreate.from("nobody@james.test"))
            .to(JidCreate.from("carol@b.test"))
            .ofType(Message.Type.error)
            .setBody("late")
            .build();

        testee.send(unsolicited).toCompletableFuture().get(10, TimeUnit.SECONDS);

        InboundStanza atPeer = peerReceived.poll(10, TimeUnit.SECONDS);
        assertThat(atPeer.stanza().getStanzaId()).isEqualTo("late-id");
        assertThat(((Message) atPeer.stanza()).getType()).isEqualTo(Message.Type.error);
    }

    @Test
    void wrongDialbackKeyShouldBeRefused() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            String id = stream.streamId();
            String forged = new DialbackKeys("not the secret").key(LOCAL_DOMAIN, PEER_DOMAIN, id);

            stream.send("<db:result from='b.test' to='james.test'>" + forged + "</db:result>");

            assertThat(stream.await("</stream:stream>"))
                .contains("<db:result from='james.test' to='b.test' type='invalid'/>", "<not-authorized");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void stanzaFromAnotherDomainThanAuthenticatedShouldGetInvalidFrom() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            String id = stream.streamId();
            String key = new DialbackKeys(PEER_SECRET).key(LOCAL_DOMAIN, PEER_DOMAIN, id);
            stream.send("<db:result from='b.test' to='james.test'>" + key + "</db:result>");
            stream.await("type='valid'");

            stream.send("<message from='eve@evil.test' to='bob@james.test'><body>spoof</body></message>");

            assertThat(stream.await("</stream:stream>")).contains("<invalid-from");
            assertThat(stream.awaitClosedByPeer()).isTrue();
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void streamToDomainWeDoNotServeShouldGetHostUnknown() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, "elsewhere.test"));

            assertThat(stream.await("</stream:stream>")).contains("<host-unknown");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void oversizedStanzaShouldGetPolicyViolation() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            stream.streamId();

            stream.send("<message from='carol@b.test' to='bob@james.test'><body>"
                + "x".repeat(S2sSettings.DEFAULT_MAX_STANZA_SIZE + 1));

            assertThat(stream.await("</stream:stream>")).contains("<policy-violation");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
    }

    private void assertTheListenerServesAWellBehavedPeer() throws Exception {
        peer.send(message("carol@b.test", "bob@james.test", "still there")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(((Message) received.poll(10, TimeUnit.SECONDS).stanza()).getBody()).isEqualTo("still there");
    }

    @Test
    void endlessStartTagShouldGetPolicyViolationAndTheListenerGoOn() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            stream.streamId();
            stream.send("<message a='");

            String chunk = "x".repeat(64 * 1024);
            for (int i = 0; i < 32 && !stream.poll().contains("</stream:stream>"); i++) {
                stream.send(chunk);
            }

            assertThat(stream.await("</stream:stream>")).contains("<policy-violation");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
        assertTheListenerServesAWellBehavedPeer();
    }

    @Test
    void dialbackResultFromAnIpLiteralShouldGetInvalidFromAndTheListenerGoOn() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            stream.streamId();

            stream.send("<db:result from='127.0.0.1' to='james.test'>key</db:result>");

            assertThat(stream.await("</stream:stream>")).contains("<invalid-from");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
        assertTheListenerServesAWellBehavedPeer();
    }

    @Test
    void claimThatCannotBeVerifiedShouldEndAnUnauthenticatedStream() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader("closed.test", LOCAL_DOMAIN));
            stream.streamId();

            stream.send("<db:result from='closed.test' to='james.test'>key</db:result>");

            assertThat(stream.await("</stream:stream>")).contains("<remote-server-not-found", "<remote-connection-failed");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
        assertTheListenerServesAWellBehavedPeer();
    }

    @Test
    void dtdShouldBeRefusedUnread() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send("<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;'>]>"
                + RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));

            assertThat(stream.await("</stream:stream>")).contains("<restricted-xml");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void entityReferenceShouldBeRefused() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            stream.streamId();

            stream.send("<message from='carol@b.test' to='bob@james.test'><body>&xxe;</body></message>");

            assertThat(stream.await("</stream:stream>")).contains("<restricted-xml");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void peerThatNeverAnswersShouldTimeOutAndBeDisconnected() throws Exception {
        try (ServerSocket silent = new ServerSocket(SILENT.getPort(), 10, SILENT.getAddress())) {
            CompletableFuture<Void> delivery = testee.send(message("bob@james.test", "x@silent.test", "void"))
                .toCompletableFuture();
            try (Socket accepted = silent.accept()) {
                assertThatThrownBy(() -> delivery.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(DeliveryException.class,
                        error -> assertThat(error.reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT));
                accepted.setSoTimeout(5000);
                assertThat(drainUntilEof(accepted)).isTrue();
            }
        }
    }

    private static boolean drainUntilEof(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        while (true) {
            int read = socket.getInputStream().read(buffer);
            if (read < 0) {
                return true;
            }
        }
    }

    @Test
    void unreachablePeerShouldBeRemoteServerNotFound() {
        CompletableFuture<Void> delivery;
        try {
            delivery = testee.send(message("bob@james.test", "x@closed.test", "nowhere")).toCompletableFuture();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThatThrownBy(() -> delivery.get(10, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(DeliveryException.class,
                error -> assertThat(error.reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND));
    }

    @Test
    void sendShouldRefuseStanzaFromForeignDomain() throws Exception {
        CompletableFuture<Void> delivery = testee.send(message("eve@evil.test", "carol@b.test", "x")).toCompletableFuture();

        assertThatThrownBy(delivery::join)
            .cause()
            .isInstanceOfSatisfying(DeliveryException.class,
                error -> assertThat(error.reason()).isEqualTo(DeliveryException.Reason.INVALID_STANZA));
    }
}
