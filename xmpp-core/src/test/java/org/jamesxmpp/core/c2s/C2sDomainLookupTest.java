package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.testing.RawS2sStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The client stream header's {@code to} is looked up in James's domain list, maybe a database or LDAP: a lookup that
 * blocks must not stall the other client streams of its event loop. The real pipeline on one event loop, as
 * {@code S2sDomainLookupTest} does for s2s.
 */
class C2sDomainLookupTest {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.121.1", 5222);
    static final String SLOW = "slow.test";
    static final String FAST = "james.test";
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
        C2sSettings settings = new C2sSettings(ImmutableList.of(LOCAL), Optional.empty(), false, new C2sLimits(64 * 1024,
            Duration.ofMinutes(1), Duration.ofMinutes(1), 2, Duration.ZERO, 10, 2));
        C2sContext context = new C2sContext(settings, domains, Optional.empty(),
            (user, password) -> CompletableFuture.completedFuture("secret".equals(password)),
            (session, stanza) -> { }, new SessionRegistry(2), lookups);
        loop = new NioEventLoopGroup(1);
        server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
            .childHandler(new C2sChannelInitializer(context))
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

    private static String header(String to) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='" + to + "' version='1.0'>";
    }

    private RawS2sStream open(String to) {
        RawS2sStream stream = RawS2sStream.connect(LOCAL);
        streams.add(stream);
        return stream.send(header(to));
    }

    private void awaitBlockedLookup() throws InterruptedException {
        assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void blockedHeaderLookupShouldNotStallAnotherStreamOnTheSameEventLoop() throws Exception {
        RawS2sStream blocked = open(SLOW);
        awaitBlockedLookup();

        assertThat(open(FAST).await(FEATURES)).contains("from='james.test'", "<mechanism>PLAIN</mechanism>");

        release.countDown();
        assertThat(blocked.await(FEATURES)).contains("from='slow.test'");
    }

    @Test
    void inputBehindABlockedLookupShouldBeReadInOrderOnceAnswered() throws Exception {
        RawS2sStream blocked = open(SLOW);
        blocked.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
            + Base64.getEncoder().encodeToString("\u0000bob\u0000secret".getBytes(StandardCharsets.UTF_8)) + "</auth>");
        awaitBlockedLookup();

        release.countDown();

        String answer = blocked.await("<success");
        assertThat(answer.indexOf(FEATURES)).isPositive().isLessThan(answer.indexOf("<success"));
    }

    @Test
    void headerToADomainNotOursShouldGetHostUnknown() {
        RawS2sStream stream = open("elsewhere.test");

        assertThat(stream.await("</stream:stream>")).contains("<host-unknown");
        assertThat(stream.awaitClosedByPeer()).isTrue();
    }

    @Test
    void failingLookupShouldEndTheStreamWithInternalServerError() {
        lookupFails = true;

        RawS2sStream stream = open(FAST);

        assertThat(stream.await("</stream:stream>")).contains("<internal-server-error");
        assertThat(stream.awaitClosedByPeer()).isTrue();
        lookupFails = false;
        assertThat(open(FAST).await(FEATURES)).contains("<mechanism>PLAIN</mechanism>");
    }
}
