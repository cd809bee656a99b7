package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.MutableClock;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Reconnect backoff of the engine against a peer that never answers, one that is down, and one that comes back. */
class S2sReconnectBackoffTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.30.5", 5269);
    static final String SILENT_DOMAIN = "silent.test";
    static final InetSocketAddress SILENT = new InetSocketAddress("127.0.30.6", 5269);
    static final String PEER_DOMAIN = "b.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.30.7", 5269);
    static final Duration BASE = Duration.ofSeconds(1);

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    S2sServer testee;

    @BeforeEach
    void setUp() {
        testee = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .route(new StaticRoute(SILENT_DOMAIN, SILENT.getHostString(), SILENT.getPort()))
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .responseTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(2))
            .reconnectBackoff(BASE, Duration.ofSeconds(60))
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), clock);
        testee.start();
    }

    @AfterEach
    void tearDown() {
        testee.stop();
    }

    private static Message message(String to) {
        try {
            return StanzaBuilder.buildMessage().from(JidCreate.from("bob@" + LOCAL_DOMAIN)).to(JidCreate.from(to))
                .setBody("hello").build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DeliveryException failure(CompletableFuture<Void> delivery) {
        Throwable error = delivery.handle((any, failure) -> failure).join();
        assertThat(error).isInstanceOf(DeliveryException.class);
        return (DeliveryException) error;
    }

    private CompletableFuture<Void> send(String to) {
        return testee.send(message(to)).toCompletableFuture();
    }

    @Test
    void sendShouldFailAtOnceWithoutConnectingWhileTheDomainBacksOff() throws Exception {
        try (SilentPeer silent = new SilentPeer()) {
            assertThat(failure(send("carol@" + SILENT_DOMAIN)).reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT);
            assertThat(silent.accepted.get()).isEqualTo(1);

            CompletableFuture<Void> second = send("carol@" + SILENT_DOMAIN);

            assertThat(second).as("refused before any socket is opened").isCompletedExceptionally();
            assertThat(failure(second).reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT);
            assertThat(failure(second).getMessage()).contains("after 1 failed connection attempt(s)");
            assertThat(silent.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void sendShouldConnectAgainWhenTheBackoffElapsed() throws Exception {
        try (SilentPeer silent = new SilentPeer()) {
            failure(send("carol@" + SILENT_DOMAIN));

            clock.advance(BASE);
            DeliveryException again = failure(send("carol@" + SILENT_DOMAIN));

            assertThat(again.getMessage()).doesNotContain("failed connection attempt");
            assertThat(silent.accepted.get()).isEqualTo(2);
            assertThat(failure(send("carol@" + SILENT_DOMAIN)).getMessage())
                .as("the second failure in a row doubles the delay")
                .contains("after 2 failed connection attempt(s)");
            clock.advance(BASE);
            assertThat(send("carol@" + SILENT_DOMAIN)).isCompletedExceptionally();
        }
    }

    @Test
    void establishedStreamShouldResetTheBackoff() throws Exception {
        assertThat(failure(send("carol@" + PEER_DOMAIN)).reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND);
        failure(send("carol@" + PEER_DOMAIN));
        clock.advance(BASE);
        assertThat(failure(send("carol@" + PEER_DOMAIN)).getMessage()).doesNotContain("failed connection attempt");
        assertThat(failure(send("carol@" + PEER_DOMAIN)).getMessage()).contains("after 2 failed connection attempt(s)");
        clock.advance(BASE.multipliedBy(2));

        S2sServer peer = startPeer();
        try {
            send("carol@" + PEER_DOMAIN).get(10, TimeUnit.SECONDS);
        } finally {
            peer.stop();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> testee.outgoingStreams().isEmpty());

        assertThat(failure(send("carol@" + PEER_DOMAIN)).reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND);
        assertThat(failure(send("carol@" + PEER_DOMAIN)).getMessage()).contains("after 1 failed connection attempt(s)");
    }

    private S2sServer startPeer() {
        S2sServer peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
            .build(), LocalDomains.of(PEER_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), clock);
        peer.start();
        return peer;
    }

    /** Accepts connections and never says a word. */
    static class SilentPeer implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final ServerSocket server;
        final Thread acceptor;

        SilentPeer() throws IOException {
            server = new ServerSocket(SILENT.getPort(), 10, SILENT.getAddress());
            acceptor = new Thread(this::accept, "silent-peer");
            acceptor.start();
        }

        private void accept() {
            try {
                while (true) {
                    sockets.add(server.accept());
                    accepted.incrementAndGet();
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join(5000);
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
