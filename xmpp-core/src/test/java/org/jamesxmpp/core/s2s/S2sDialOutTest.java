package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.core.routing.AddressNetwork;
import org.jamesxmpp.core.routing.DnsTimes;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.routing.SrvTarget;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.MutableClock;
import org.jamesxmpp.testing.RawS2sStream;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * What a peer's {@code db:result} claims make the listener dial: one connection per distinct verification in flight,
 * none while an unreachable claimed domain backs off, none to a non-public address that only DNS gave.
 */
class S2sDialOutTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.120.3", 5269);
    /** Accepts connections and never answers: verifications to it stay in flight. */
    static final InetSocketAddress SILENT = new InetSocketAddress("127.0.120.4", 5269);
    /** Accepts connections and closes them at once: verifications to it cannot reach the server. */
    static final InetSocketAddress CLOSING = new InetSocketAddress("127.0.120.5", 5269);
    /** Where the DNS of inside.test points (an SRV target on loopback), accepting and closing. */
    static final InetSocketAddress INSIDE = new InetSocketAddress("127.0.120.6", 5269);

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    final List<Thread> acceptors = new CopyOnWriteArrayList<>();
    S2sServer testee;

    @AfterEach
    void tearDown() throws Exception {
        if (testee != null) {
            testee.stop();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closed already
            }
        }
        // a listening socket is released only once the thread blocked in accept() left it: the next test binds it again
        for (Thread acceptor : acceptors) {
            acceptor.join(5000);
        }
    }

    private void start(DialOutPolicy dialOut) {
        List<StaticRoute> routes = List.of(new StaticRoute("silent.test", SILENT.getHostString(), SILENT.getPort()),
            new StaticRoute("down.test", CLOSING.getHostString(), CLOSING.getPort()));
        Map<String, List<SrvTarget>> dns = Map.of("inside.test",
            List.of(new SrvTarget(INSIDE.getHostString(), INSIDE.getPort(), 0, 0, Duration.ofMinutes(5))));
        S2sRouter router = new S2sRouter(routes,
            domain -> CompletableFuture.completedFuture(dns.getOrDefault(domain, List.of())), clock, DnsTimes.defaults(), 100);
        S2sSettings.Builder settings = S2sSettings.builder()
            .bind(LOCAL)
            .responseTimeout(Duration.ofSeconds(5))
            .dialOut(dialOut);
        routes.forEach(settings::route);
        testee = new S2sServer(settings.build(), LocalDomains.of(LOCAL_DOMAIN),
            stanza -> CompletableFuture.completedFuture(null), new MemoryDialbackSecretStore(), router, clock);
        testee.start();
    }

    private AtomicInteger countingServer(InetSocketAddress address, boolean closeAtOnce) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 50);
        resources.add(0, server);
        AtomicInteger accepted = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    if (closeAtOnce) {
                        socket.close();
                    } else {
                        resources.add(socket);
                    }
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }, "counting-server-" + address.getHostString());
        acceptor.setDaemon(true);
        acceptor.start();
        acceptors.add(acceptor);
        return accepted;
    }

    private RawS2sStream authenticatingStream(String claimedDomain) {
        RawS2sStream stream = RawS2sStream.connect(LOCAL);
        resources.add(stream);
        stream.send(RawS2sStream.streamHeader(claimedDomain, LOCAL_DOMAIN));
        stream.streamId();
        return stream;
    }

    private static void assertStaysAt(AtomicInteger count, int expected) {
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> count.get() == expected);
    }

    @Test
    void repeatedDialbackResultShouldAskTheAuthoritativeServerOnce() throws Exception {
        AtomicInteger accepted = countingServer(SILENT, false);
        start(DialOutPolicy.defaults());
        RawS2sStream stream = authenticatingStream("silent.test");

        for (int i = 0; i < 3; i++) {
            stream.send("<db:result from='silent.test' to='james.test'>same-key</db:result>");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.get() >= 1);
        assertStaysAt(accepted, 1);
    }

    @Test
    void dialbackResultsWithDifferentKeysShouldEachBeAsked() throws Exception {
        AtomicInteger accepted = countingServer(SILENT, false);
        start(DialOutPolicy.defaults());
        RawS2sStream stream = authenticatingStream("silent.test");

        stream.send("<db:result from='silent.test' to='james.test'>key-1</db:result>");
        stream.send("<db:result from='silent.test' to='james.test'>key-2</db:result>");

        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.get() >= 2);
        assertStaysAt(accepted, 2);
    }

    @Test
    void claimedDomainWhoseServerCouldNotBeReachedShouldNotBeDialedAgainDuringItsBackoff() throws Exception {
        AtomicInteger accepted = countingServer(CLOSING, true);
        start(DialOutPolicy.defaults().withVerificationBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10)));
        assertThat(authenticatingStream("down.test").send("<db:result from='down.test' to='james.test'>k</db:result>")
            .await("</stream:stream>")).contains("<remote-server-not-found", "<remote-connection-failed");
        assertThat(accepted).hasValue(1);

        String second = authenticatingStream("down.test").send("<db:result from='down.test' to='james.test'>k</db:result>")
            .await("</stream:stream>");

        assertThat(second).contains("<remote-server-not-found", "<remote-connection-failed");
        assertStaysAt(accepted, 1);

        clock.advance(Duration.ofSeconds(31));
        authenticatingStream("down.test").send("<db:result from='down.test' to='james.test'>k</db:result>")
            .await("</stream:stream>");
        assertThat(accepted).hasValue(2);
    }

    @Test
    void claimedDomainWhoseDnsPointsToALoopbackAddressShouldNotBeDialed() throws Exception {
        AtomicInteger accepted = countingServer(INSIDE, true);
        start(DialOutPolicy.defaults());

        String answer = authenticatingStream("inside.test").send("<db:result from='inside.test' to='james.test'>k</db:result>")
            .await("</stream:stream>");

        assertThat(answer).contains("<remote-server-not-found", "<remote-connection-failed");
        assertStaysAt(accepted, 0);
    }

    @Test
    void stanzaToADomainWhoseDnsPointsToALoopbackAddressShouldFailWithoutConnecting() throws Exception {
        AtomicInteger accepted = countingServer(INSIDE, true);
        start(DialOutPolicy.defaults());

        Throwable failure = testee.send(StanzaBuilder.buildMessage("m1").from(JidCreate.from("bob@james.test"))
                .to(JidCreate.from("carol@inside.test")).setBody("hi").build())
            .toCompletableFuture().handle((any, error) -> error).get(10, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOf(DeliveryException.class);
        assertThat(((DeliveryException) failure).reason()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND);
        assertStaysAt(accepted, 0);
    }

    @Test
    void loopbackAddressFromDnsShouldBeDialedWhenItsNetworkIsAllowed() throws Exception {
        AtomicInteger accepted = countingServer(INSIDE, true);
        start(DialOutPolicy.defaults().withAllowedPrivateNetworks(List.of(AddressNetwork.parse("127.0.120.0/24"))));

        authenticatingStream("inside.test").send("<db:result from='inside.test' to='james.test'>k</db:result>")
            .await("</stream:stream>");

        assertThat(accepted).hasValue(1);
    }
}
