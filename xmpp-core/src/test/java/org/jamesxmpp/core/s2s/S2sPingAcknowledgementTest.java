package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.RawS2sStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Without XEP-0198 a stanza is delivered on the answer to the XEP-0199 ping sent after it: our engine against itself
 * (both without stream management), and a fake peer that takes the bytes and never answers.
 */
class S2sPingAcknowledgementTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.16.3", 5269);
    static final String PEER_DOMAIN = "b.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.16.4", 5269);
    static final InetSocketAddress SILENT = new InetSocketAddress("127.0.16.5", 5269);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);

    S2sServer testee;
    S2sServer peer;
    BlockingQueue<InboundStanza> peerReceived = new LinkedBlockingQueue<>();
    BlockingQueue<InboundStanza> testeeReceived = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        testee = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .route(new StaticRoute("silent.test", SILENT.getHostString(), SILENT.getPort()))
            .responseTimeout(RESPONSE_TIMEOUT)
            .streamManagement(false)
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> {
                testeeReceived.add(stanza);
                return CompletableFuture.completedFuture(null);
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
        peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
            .streamManagement(false)
            .build(), LocalDomains.of(PEER_DOMAIN), stanza -> {
                peerReceived.add(stanza);
                if (stanza.stanza().getTo().toString().startsWith("nobody@")) {
                    return CompletableFuture.failedFuture(new StanzaErrorException(
                        StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL));
                }
                return CompletableFuture.completedFuture(null);
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        peer.start();
    }

    @AfterEach
    void tearDown() {
        testee.stop();
        peer.stop();
    }

    private static Message message(String to, String body) {
        return message("id-" + body, to, body);
    }

    private static Message message(String id, String to, String body) {
        try {
            return StanzaBuilder.buildMessage(id)
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from(to))
                .setBody(body)
                .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stanzasShouldBeDeliveredOnThePeersAnswersToOurPingsWithoutStreamManagement() throws Exception {
        List<CompletableFuture<Void>> deliveries = IntStream.range(0, 35)
            .mapToObj(i -> testee.send(message("carol@b.test", "m" + i)).toCompletableFuture())
            .toList();

        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> peerReceived.size() >= 35);
        assertThat(peerReceived).as("pings and their answers never reach the handlers")
            .allSatisfy(inbound -> assertThat(inbound.stanza()).isInstanceOf(Message.class))
            .hasSize(35);
        assertThat(testeeReceived).isEmpty();
    }

    @Test
    void stanzaErrorForOneRecipientShouldFailOnlyThatRecipientsSendWhenRecipientsShareTheStanzaId() throws Exception {
        CompletableFuture<Void> refused = testee.send(message("mail-1@james.test", "nobody@b.test", "one mail"))
            .toCompletableFuture();
        CompletableFuture<Void> accepted = testee.send(message("mail-1@james.test", "carol@b.test", "one mail"))
            .toCompletableFuture();

        assertThat(accepted.handle((any, error) -> error).get(20, TimeUnit.SECONDS))
            .as("carol's copy was accepted").isNull();
        assertThat(refused.handle((any, error) -> error).get(20, TimeUnit.SECONDS))
            .isInstanceOfSatisfying(DeliveryException.class, error -> {
                assertThat(error.reason()).isEqualTo(DeliveryException.Reason.STANZA_ERROR);
                assertThat(error.stanzaError().orElseThrow().condition()).isEqualTo(StanzaError.Condition.service_unavailable);
            });
    }

    @Test
    void stanzaToAPeerThatNeverAnswersShouldFailAsTimeoutInsteadOfBeingDelivered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(SILENT.getPort(), 10, SILENT.getAddress())) {
            Thread fakePeer = new Thread(() -> authenticateThenNeverAnswer(silent, release));
            fakePeer.start();

            CompletableFuture<Void> delivery = testee.send(message("dave@silent.test", "unanswered")).toCompletableFuture();

            await().atMost(RESPONSE_TIMEOUT.multipliedBy(4)).until(delivery::isDone);
            assertThat(delivery).isCompletedExceptionally();
            assertThat(delivery.handle((any, error) -> error).join())
                .isInstanceOfSatisfying(DeliveryException.class,
                    error -> assertThat(error.reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT));
            release.countDown();
            fakePeer.join(10_000);
        }
    }

    private static void authenticateThenNeverAnswer(ServerSocket server, CountDownLatch release) {
        try (Socket socket = server.accept()) {
            InputStream input = socket.getInputStream();
            readUntil(input, "version='1.0'>");
            socket.getOutputStream().write(("<stream:stream " + RawS2sStream.NAMESPACES
                + " from='silent.test' to='james.test' id='silent1' version='1.0'><stream:features>"
                + "<dialback xmlns='urn:xmpp:features:dialback'/></stream:features>")
                .getBytes(StandardCharsets.UTF_8));
            readUntil(input, "</db:result>");
            socket.getOutputStream().write("<db:result from='silent.test' to='james.test' type='valid'/>"
                .getBytes(StandardCharsets.UTF_8));
            readUntil(input, "urn:xmpp:ping");
            release.await(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // the test ends the fake peer by closing its socket
        }
    }

    private static void readUntil(InputStream input, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (seen.indexOf(marker) < 0) {
            int read = input.read(buffer);
            if (read < 0) {
                throw new IOException("closed before " + marker);
            }
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
    }
}
