package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.RawS2sStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Several local domains on one stream (XEP-0220 multiplexing), both ways, our engine against itself and a refusing peer. */
class S2sPiggybackTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.30.10", 5269);
    static final String OTHER_DOMAIN = "other.test";
    static final InetSocketAddress OTHER = new InetSocketAddress("127.0.30.11", 5269);
    static final String PEER_DOMAIN = "b.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.30.12", 5269);
    static final String PEER_OTHER_DOMAIN = "c.test";
    static final InetSocketAddress PEER_OTHER = new InetSocketAddress("127.0.30.13", 5269);
    static final String REFUSING_DOMAIN = "refusing.test";
    static final InetSocketAddress REFUSING = new InetSocketAddress("127.0.30.14", 5269);
    static final String PEER_SECRET = "b-secret";

    S2sServer testee;
    S2sServer peer;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();
    BlockingQueue<InboundStanza> peerReceived = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        testee = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .bind(OTHER)
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .route(new StaticRoute(PEER_OTHER_DOMAIN, PEER_OTHER.getHostString(), PEER_OTHER.getPort()))
            .route(new StaticRoute(REFUSING_DOMAIN, REFUSING.getHostString(), REFUSING.getPort()))
            .responseTimeout(Duration.ofSeconds(5))
            .build(), LocalDomains.of(LOCAL_DOMAIN, OTHER_DOMAIN), stanza -> {
                received.add(stanza);
                return CompletableFuture.completedFuture(null);
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
        peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .bind(PEER_OTHER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
            .route(new StaticRoute(OTHER_DOMAIN, OTHER.getHostString(), OTHER.getPort()))
            .dialbackSecret(PEER_SECRET)
            .build(), LocalDomains.of(PEER_DOMAIN, PEER_OTHER_DOMAIN), stanza -> {
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

    static Message message(String from, String to, String body) {
        try {
            return StanzaBuilder.buildMessage().from(JidCreate.from(from)).to(JidCreate.from(to)).setBody(body).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void secondLocalDomainShouldRideOnTheEstablishedStream() throws Exception {
        testee.send(message("bob@" + LOCAL_DOMAIN, "carol@" + PEER_DOMAIN, "from james")).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        testee.send(message("dan@" + OTHER_DOMAIN, "carol@" + PEER_DOMAIN, "from other")).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

        InboundStanza first = peerReceived.poll(10, TimeUnit.SECONDS);
        InboundStanza second = peerReceived.poll(10, TimeUnit.SECONDS);
        assertThat(first.peerDomain()).isEqualTo(LOCAL_DOMAIN);
        assertThat(second.peerDomain()).isEqualTo(OTHER_DOMAIN);
        assertThat(second.authMethod()).isEqualTo(AuthMethod.DIALBACK);
        assertThat(second.remoteAddress()).as("same TCP connection").isEqualTo(first.remoteAddress());
        assertThat(testee.outgoingStreams()).containsExactlyInAnyOrder(new DomainPair(LOCAL_DOMAIN, PEER_DOMAIN),
            new DomainPair(OTHER_DOMAIN, PEER_DOMAIN));
    }

    @Test
    void incomingStreamShouldCarrySeveralAuthenticatedDomainPairs() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            String id = stream.streamId();
            DialbackKeys keys = new DialbackKeys(PEER_SECRET);

            stream.send("<db:result from='b.test' to='james.test'>" + keys.key(LOCAL_DOMAIN, PEER_DOMAIN, id) + "</db:result>");
            stream.await("<db:result from='james.test' to='b.test' type='valid'/>");
            stream.send("<db:result from='c.test' to='other.test'>" + keys.key(OTHER_DOMAIN, PEER_OTHER_DOMAIN, id)
                + "</db:result>");
            stream.await("<db:result from='other.test' to='c.test' type='valid'/>");
            stream.send("<message from='carol@c.test' to='dan@other.test'><body>piggybacked</body></message>");

            InboundStanza inbound = poll();
            assertThat(inbound.peerDomain()).isEqualTo(PEER_OTHER_DOMAIN);
            assertThat(inbound.stanza().getTo().toString()).isEqualTo("dan@" + OTHER_DOMAIN);
        }
    }

    @Test
    void stanzaForAPairNotAuthenticatedOnTheStreamShouldGetInvalidFrom() {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            String id = stream.streamId();
            DialbackKeys keys = new DialbackKeys(PEER_SECRET);
            stream.send("<db:result from='b.test' to='james.test'>" + keys.key(LOCAL_DOMAIN, PEER_DOMAIN, id) + "</db:result>");
            stream.send("<db:result from='c.test' to='other.test'>" + keys.key(OTHER_DOMAIN, PEER_OTHER_DOMAIN, id)
                + "</db:result>");
            stream.await("<db:result from='other.test' to='c.test' type='valid'/>");

            stream.send("<message from='carol@c.test' to='bob@james.test'><body>wrong pair</body></message>");

            assertThat(stream.await("</stream:stream>")).contains("<invalid-from");
            assertThat(stream.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void invalidPiggybackedKeyShouldRefuseThatPairOnlyAndKeepTheStream() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
            String id = stream.streamId();
            stream.send("<db:result from='b.test' to='james.test'>" + new DialbackKeys(PEER_SECRET)
                .key(LOCAL_DOMAIN, PEER_DOMAIN, id) + "</db:result>");
            stream.await("<db:result from='james.test' to='b.test' type='valid'/>");

            stream.send("<db:result from='c.test' to='other.test'>" + new DialbackKeys("forged")
                .key(OTHER_DOMAIN, PEER_OTHER_DOMAIN, id) + "</db:result>");
            stream.await("<db:result from='other.test' to='c.test' type='invalid'/>");
            stream.send("<db:result from='b.test' to='nowhere.test'>whatever</db:result>");
            stream.await("<db:result from='nowhere.test' to='b.test' type='error'>");
            stream.send("<message from='carol@b.test' to='bob@james.test'><body>still here</body></message>");

            assertThat(poll().stanza().getFrom().toString()).isEqualTo("carol@" + PEER_DOMAIN);
        }
    }

    @Test
    void peerRefusingPiggybackShouldGetAStreamPerDomainPair() throws Exception {
        try (RefusingPeer refusing = new RefusingPeer()) {
            // the fake peer never answers our pings: the stanzas are written, never acknowledged
            testee.send(message("bob@" + LOCAL_DOMAIN, "eve@" + REFUSING_DOMAIN, "first"));
            assertThat(refusing.firstWritten.await(20, TimeUnit.SECONDS)).isTrue();
            testee.send(message("dan@" + OTHER_DOMAIN, "eve@" + REFUSING_DOMAIN, "second"));

            assertThat(refusing.secondConnection.poll(10, TimeUnit.SECONDS))
                .as("stream header and stanza on the second connection")
                .contains("<stream:stream", "from='" + OTHER_DOMAIN + "'", "from='dan@" + OTHER_DOMAIN + "'",
                    "<body>second</body>")
                .doesNotContain("<enable");
        }
    }

    private InboundStanza poll() {
        try {
            InboundStanza inbound = received.poll(10, TimeUnit.SECONDS);
            assertThat(inbound).as("stanza handed to the handler").isNotNull();
            return inbound;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Announces dialback errors, accepts james.test, refuses other.test on that stream; accepts
     * other.test on a stream of its own and reports what it got there.
     */
    static class RefusingPeer implements AutoCloseable {
        static final String SM_FAILED = "<failed xmlns='urn:xmpp:sm:3'/>";

        final BlockingQueue<String> secondConnection = new LinkedBlockingQueue<>();
        final CountDownLatch firstWritten = new CountDownLatch(1);
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final ServerSocket server;
        final Thread thread;

        RefusingPeer() throws IOException {
            server = new ServerSocket(REFUSING.getPort(), 10, REFUSING.getAddress());
            thread = new Thread(this::serve, "refusing-peer");
            thread.start();
        }

        private void serve() {
            try (Socket first = accept()) {
                Reader reader = new Reader(first);
                reader.next("version='1.0'>");
                write(first, header("r1") + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'><errors/>"
                    + "</dialback></stream:features>");
                reader.next("</db:result>");
                write(first, "<db:result from='refusing.test' to='james.test' type='valid'/>");
                reader.next("<enable");
                write(first, SM_FAILED);
                reader.next("<ping xmlns='urn:xmpp:ping'/>");
                firstWritten.countDown();
                reader.next("to='refusing.test'>");
                write(first, "<db:result from='refusing.test' to='other.test' type='invalid'/>");
                try (Socket second = accept()) {
                    Reader secondReader = new Reader(second);
                    String secondHeader = secondReader.next("version='1.0'>");
                    write(second, header("r2") + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/>"
                        + "</stream:features>");
                    secondReader.next("</db:result>");
                    write(second, "<db:result from='refusing.test' to='other.test' type='valid'/>");
                    // it failed our unadvertised <enable/> on the first connection: not asked again
                    secondConnection.add(secondHeader + secondReader.next("</message>"));
                    secondReader.next("</stream:stream>");
                }
            } catch (IOException e) {
                // the test ends the fake peer by closing its socket
            }
        }

        private Socket accept() throws IOException {
            Socket socket = server.accept();
            sockets.add(socket);
            return socket;
        }

        private static String header(String id) {
            return "<stream:stream " + RawS2sStream.NAMESPACES + " from='refusing.test' id='" + id + "' version='1.0'>";
        }

        private static void write(Socket socket, String xml) throws IOException {
            socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            thread.join(10_000);
        }
    }

    /** Reads a connection piece by piece: each call returns what came since the last one, up to a marker. */
    static class Reader {
        private final InputStream input;
        private final StringBuilder pending = new StringBuilder();

        Reader(Socket socket) throws IOException {
            socket.setSoTimeout(15_000);
            this.input = socket.getInputStream();
        }

        String next(String marker) throws IOException {
            byte[] buffer = new byte[4096];
            while (pending.indexOf(marker) < 0) {
                try {
                    int read = input.read(buffer);
                    if (read < 0) {
                        throw new IOException("closed before " + marker + ": " + pending);
                    }
                    pending.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                } catch (SocketTimeoutException e) {
                    throw new IOException("no " + marker + " in time: " + pending, e);
                }
            }
            int end = pending.indexOf(marker) + marker.length();
            String piece = pending.substring(0, end);
            pending.delete(0, end);
            return piece;
        }
    }
}
