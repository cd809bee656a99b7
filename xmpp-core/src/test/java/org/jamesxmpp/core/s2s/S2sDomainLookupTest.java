package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.inbound.InboundChannelInitializer;
import org.jamesxmpp.core.s2s.inbound.InboundContext;
import org.jamesxmpp.core.s2s.inbound.InboundStanzas;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.jamesxmpp.testing.RawS2sStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Whether a domain is ours is James's domain list, maybe a database or LDAP: a lookup that blocks must not stall the
 * other streams of its event loop. The real pipeline on one event loop, so every stream shares it.
 */
class S2sDomainLookupTest {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.90.1", 5269);
    static final String SLOW = "slow.test";
    static final String FAST = "james.test";
    static final String SECRET = "lookup-secret";
    static final String FEATURES = "</stream:features>";

    final CountDownLatch lookupStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<RawS2sStream> streams = new ArrayList<>();
    final ExecutorService lookups = Executors.newFixedThreadPool(4);
    volatile boolean lookupFails;
    NioEventLoopGroup loop;
    Channel server;

    @BeforeEach
    void setUp() {
        LocalDomains domains = domain -> {
            if (lookupFails) {
                throw new IllegalStateException("the database is gone");
            }
            if (domain.asString().equals(SLOW)) {
                lookupStarted.countDown();
                awaitUninterruptibly(release);
            }
            return Set.of(SLOW, FAST).contains(domain.asString());
        };
        S2sSettings settings = S2sSettings.builder().bind(LOCAL).build();
        InboundContext context = new InboundContext(settings, domains, new DialbackKeys(SECRET), Optional.empty(),
            (receiving, originating, streamId, key) -> CompletableFuture.completedFuture(DialbackOutcome.VALID),
            new InboundStanzas(domains, stanza -> CompletableFuture.completedFuture(null), null), lookups);
        loop = new NioEventLoopGroup(1);
        server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
            .childHandler(new InboundChannelInitializer(context))
            .bind(LOCAL).syncUninterruptibly().channel();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        streams.forEach(RawS2sStream::close);
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        lookups.shutdownNow();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RawS2sStream open(String to) {
        RawS2sStream stream = RawS2sStream.connect(LOCAL);
        streams.add(stream);
        return stream.send(RawS2sStream.streamHeader("a.test", to));
    }

    private void awaitBlockedLookup() throws InterruptedException {
        assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private void assertAnotherStreamIsServed() {
        assertThat(open(FAST).await(FEATURES)).contains("<dialback xmlns='urn:xmpp:features:dialback'>");
    }

    @Test
    void blockedHeaderLookupShouldNotStallAnotherStreamOnTheSameEventLoop() throws Exception {
        RawS2sStream blocked = open(SLOW);
        awaitBlockedLookup();

        assertAnotherStreamIsServed();

        release.countDown();
        assertThat(blocked.await(FEATURES)).contains("from='slow.test'");
    }

    @Test
    void blockedDialbackResultLookupShouldNotStallAnotherStreamOnTheSameEventLoop() throws Exception {
        RawS2sStream blocked = open(FAST);
        blocked.await(FEATURES);
        blocked.send("<db:result from='b.test' to='slow.test'>key</db:result>");
        awaitBlockedLookup();

        assertAnotherStreamIsServed();

        release.countDown();
        assertThat(blocked.await("type='valid'")).contains("<db:result from='slow.test' to='b.test' type='valid'/>");
    }

    @Test
    void blockedDialbackVerifyLookupShouldNotStallAnotherStreamOnTheSameEventLoop() throws Exception {
        RawS2sStream blocked = open(FAST);
        blocked.await(FEATURES);
        String key = new DialbackKeys(SECRET).key("b.test", SLOW, "stream-1");
        blocked.send("<db:verify from='b.test' to='slow.test' id='stream-1'>" + key + "</db:verify>");
        awaitBlockedLookup();

        assertAnotherStreamIsServed();

        release.countDown();
        assertThat(blocked.await("type='valid'")).contains("<db:verify from='slow.test' to='b.test' id='stream-1' type='valid'/>");
    }

    @Test
    void inputBehindABlockedLookupShouldBeReadInOrderOnceAnswered() throws Exception {
        RawS2sStream blocked = open(SLOW);
        blocked.send("<db:result from='b.test' to='slow.test'>key</db:result>");
        awaitBlockedLookup();

        release.countDown();

        String answer = blocked.await("type='valid'");
        assertThat(answer.indexOf(FEATURES)).isPositive().isLessThan(answer.indexOf("type='valid'"));
    }

    @Test
    void failingLookupShouldEndTheStreamWithInternalServerError() {
        lookupFails = true;

        RawS2sStream stream = open(FAST);

        assertThat(stream.await("</stream:stream>")).contains("<internal-server-error");
        assertThat(stream.awaitClosedByPeer()).isTrue();
        lookupFails = false;
        assertAnotherStreamIsServed();
    }
}
