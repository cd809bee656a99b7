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
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Stream reuse, idle close, many idle streams, a slow peer: our engine against itself and raw sockets. */
class S2sConnectionManagementTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.14.3", 5269);
    static final String PEER_DOMAIN = "b.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.14.4", 5269);
    static final InetSocketAddress SLOW = new InetSocketAddress("127.0.14.5", 5269);
    static final int MAX_QUEUED = 20;

    S2sServer testee;
    S2sServer peer;
    BlockingQueue<InboundStanza> peerReceived = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        testee = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .route(new StaticRoute("slow.test", SLOW.getHostString(), SLOW.getPort()))
            .idleTimeout(Duration.ofSeconds(1))
            .responseTimeout(Duration.ofSeconds(2))
            .maxQueuedStanzas(MAX_QUEUED)
            // the thousand raw streams all come from 127.0.0.1, beyond the default per-address limit
            .inboundLimits(InboundLimits.defaults().withConnections(2000, 2000))
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
        peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
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

    private static Message message(String to, String body) {
        try {
            return StanzaBuilder.buildMessage()
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from(to))
                .setBody(body)
                .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stanzasToOneDomainShouldShareOneStream() throws Exception {
        for (int i = 0; i < 3; i++) {
            testee.send(message("carol@b.test", "m" + i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        List<InetSocketAddress> sources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sources.add(peerReceived.poll(10, TimeUnit.SECONDS).remoteAddress());
        }
        assertThat(sources).hasSize(3).containsOnly(sources.get(0));
        assertThat(testee.outgoingStreams()).containsExactly(new DomainPair(LOCAL_DOMAIN, PEER_DOMAIN));
    }

    @Test
    void idleOutgoingStreamShouldBeClosed() throws Exception {
        testee.send(message("carol@b.test", "once")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> testee.outgoingStreams().isEmpty());
        testee.send(message("carol@b.test", "again")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void thousandIdleIncomingStreamsShouldNotNeedAThreadEach() {
        int threadsBefore = Thread.getAllStackTraces().size();
        List<RawS2sStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                RawS2sStream stream = RawS2sStream.connect(LOCAL);
                streams.add(stream);
                stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            }
            streams.forEach(RawS2sStream::streamId);

            int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
            assertThat(Thread.getAllStackTraces().size() - threadsBefore).isLessThan(eventLoops + 20);
        } finally {
            streams.forEach(RawS2sStream::close);
        }
    }

    @Test
    void slowPeerShouldFillItsOwnBoundedQueueWithoutDelayingAnotherPeer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket slow = new ServerSocket(SLOW.getPort(), 10, SLOW.getAddress())) {
            Thread fakePeer = new Thread(() -> authenticateThenStopReading(slow, release));
            fakePeer.start();
            String payload = "x".repeat(64 * 1024);

            List<CompletableFuture<Void>> toSlow = IntStream.range(0, 400)
                .mapToObj(i -> testee.send(message("dave@slow.test", payload)).toCompletableFuture())
                .toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> toSlow.stream().anyMatch(CompletableFuture::isCompletedExceptionally));

            testee.send(message("carol@b.test", "not delayed")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(toSlow.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().orElseThrow()
                .handle((any, error) -> error).join())
                .isInstanceOfSatisfying(DeliveryException.class,
                    error -> assertThat(error.reason()).isEqualTo(DeliveryException.Reason.QUEUE_FULL));
            assertThat(toSlow.stream().filter(CompletableFuture::isDone).filter(done -> !done.isCompletedExceptionally()))
                .as("nothing is acknowledged by a peer that stopped reading").isEmpty();
            release.countDown();
            fakePeer.join(10_000);
        }
    }

    private static void authenticateThenStopReading(ServerSocket server, CountDownLatch release) {
        try (Socket socket = server.accept()) {
            InputStream input = socket.getInputStream();
            readUntil(input, "version='1.0'>");
            socket.getOutputStream().write(("<stream:stream " + RawS2sStream.NAMESPACES
                + " from='slow.test' to='james.test' id='slow1' version='1.0'><stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>")
                .getBytes(StandardCharsets.UTF_8));
            readUntil(input, "</db:result>");
            socket.getOutputStream().write("<db:result from='slow.test' to='james.test' type='valid'/>"
                .getBytes(StandardCharsets.UTF_8));
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
