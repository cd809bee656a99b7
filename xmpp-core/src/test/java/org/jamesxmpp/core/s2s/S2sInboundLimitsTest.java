package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.RawS2sStream;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The limits of xmpp.xml on a real listener, against raw connections that take too much; a fresh peer is served after. */
class S2sInboundLimitsTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.61.1", 5269);
    static final String PEER_DOMAIN = "b.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.61.2", 5269);
    static final String FEATURES = "</stream:features>";

    final List<S2sServer> servers = new ArrayList<>();
    final List<RawS2sStream> streams = new ArrayList<>();
    final BlockingQueue<String> handlingThreads = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() {
        streams.forEach(RawS2sStream::close);
        servers.forEach(S2sServer::stop);
    }

    private S2sServer start(InboundLimits limits) {
        S2sServer server = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .inboundLimits(limits)
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> {
                handlingThreads.add(Thread.currentThread().getName());
                return CompletableFuture.completedFuture(null);
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        servers.add(server);
        server.start();
        return server;
    }

    private RawS2sStream open(String from) {
        RawS2sStream stream = RawS2sStream.connect(LOCAL, from);
        streams.add(stream);
        return stream.send(RawS2sStream.streamHeader(PEER_DOMAIN, LOCAL_DOMAIN));
    }

    private void assertServesAFreshPeer(String from) {
        assertThat(open(from).await(FEATURES)).contains("<dialback xmlns='urn:xmpp:features:dialback'>");
    }

    @Test
    void connectionBeyondThePerAddressLimitShouldGetPolicyViolation() {
        start(InboundLimits.defaults().withConnections(100, 2));
        open("127.0.61.10").await(FEATURES);
        open("127.0.61.10").await(FEATURES);

        RawS2sStream third = open("127.0.61.10");

        assertThat(third.await("</stream:stream>"))
            .contains("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>")
            .doesNotContain("<stream:features>");
        assertThat(third.awaitClosedByPeer()).isTrue();
        assertServesAFreshPeer("127.0.61.11");
    }

    @Test
    void connectionBeyondTheTotalShouldGetResourceConstraintUntilOneCloses() {
        start(InboundLimits.defaults().withConnections(2, 100));
        RawS2sStream first = open("127.0.61.10");
        first.await(FEATURES);
        open("127.0.61.11").await(FEATURES);

        assertThat(open("127.0.61.12").await("</stream:stream>")).contains("<resource-constraint");

        first.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertServesAFreshPeer("127.0.61.13"));
    }

    @Test
    void stanzaThatIsNotFinishedInTimeShouldEndTheStream() {
        start(InboundLimits.defaults().withStanzaDeadline(Duration.ofSeconds(1)));
        RawS2sStream slow = open("127.0.61.10");
        slow.await(FEATURES);

        slow.send("<db:verify from='b.test' to='james.test' id='abc'>trickled");

        assertThat(slow.await("</stream:stream>"))
            .contains("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        assertThat(slow.awaitClosedByPeer()).isTrue();
        assertServesAFreshPeer("127.0.61.11");
    }

    @Test
    void streamShouldBeReadNoFasterThanItsRate() {
        start(InboundLimits.defaults().withMaxBytesPerSecond(16 * 1024));
        RawS2sStream fast = open("127.0.61.10");
        fast.await(FEATURES);
        long started = System.nanoTime();

        fast.send(" ".repeat(64 * 1024) + "<db:verify from='b.test' to='james.test' id='abc'>key</db:verify>");
        fast.await("type='invalid'/>");

        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("48 KiB beyond the one-second burst at 16 KiB/s").isGreaterThan(Duration.ofMillis(2500));
        assertServesAFreshPeer("127.0.61.11");
    }

    @Test
    void stanzasShouldBeHandledOffTheEventLoops() throws Exception {
        start(InboundLimits.defaults());
        S2sServer peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
            .build(), LocalDomains.of(PEER_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), Clock.systemUTC());
        servers.add(peer);
        peer.start();

        peer.send(StanzaBuilder.buildMessage("m1").from(JidCreate.from("alice@b.test")).to(JidCreate.from("bob@james.test"))
            .setBody("hi").build()).toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertThat(handlingThreads.poll(10, TimeUnit.SECONDS)).startsWith("xmpp-s2s-inbound-");
    }
}
