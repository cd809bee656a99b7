package org.jamesxmpp.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.Test;

class S2sRouterTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AtomicInteger lookups = new AtomicInteger();
    Map<String, List<SrvTarget>> dns = Map.of("srv.test",
        List.of(new SrvTarget("xmpp.srv.test", 5270, 10, 0, Duration.ofMinutes(5))));
    SrvLookup fakeDns = domain -> {
        lookups.incrementAndGet();
        return CompletableFuture.completedFuture(dns.getOrDefault(domain, List.of()));
    };
    S2sRouter testee = new S2sRouter(List.of(new StaticRoute("Static.Test", "127.0.0.9", 5299)), fakeDns, clock,
        new DnsTimes(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(1)), S2sRouter.DEFAULT_MAX_CACHED_DOMAINS);

    private S2sRoute resolve(String domain) {
        return testee.resolve(domain).toCompletableFuture().join();
    }

    @Test
    void staticRouteShouldWinOverDns() {
        assertThat(resolve("static.test").addresses())
            .containsExactly(InetSocketAddress.createUnresolved("127.0.0.9", 5299));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void srvRecordShouldGiveItsTarget() {
        assertThat(resolve("srv.test").addresses())
            .containsExactly(InetSocketAddress.createUnresolved("xmpp.srv.test", 5270));
    }

    @Test
    void domainWithoutSrvShouldFallBackToItselfOn5269() {
        S2sRoute route = resolve("plain.test");

        assertThat(route.addresses()).containsExactly(InetSocketAddress.createUnresolved("plain.test", 5269));
        assertThat(route.advertised()).isFalse();
    }

    @Test
    void answersShouldBeCachedForTheirTtl() {
        resolve("srv.test");
        clock.advance(Duration.ofMinutes(4));
        resolve("srv.test");

        assertThat(lookups).hasValue(1);
        clock.advance(Duration.ofMinutes(2));
        resolve("srv.test");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void domainSpeaksXmppShouldBeTrueForStaticRouteAndSrvOnly() {
        assertThat(testee.domainSpeaksXmpp("static.test")).isTrue();
        assertThat(testee.domainSpeaksXmpp("srv.test")).isTrue();
        assertThat(testee.domainSpeaksXmpp("plain.test")).isFalse();
    }

    @Test
    void failedLookupShouldFallBackAndNotSpeakXmpp() {
        S2sRouter failing = new S2sRouter(List.of(), domain -> CompletableFuture.failedFuture(new IllegalStateException("dns down")),
            clock, new DnsTimes(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(1)),
            S2sRouter.DEFAULT_MAX_CACHED_DOMAINS);

        assertThat(failing.domainSpeaksXmpp("down.test")).isFalse();
        assertThat(failing.resolve("down.test").toCompletableFuture().join().addresses())
            .containsExactly(InetSocketAddress.createUnresolved("down.test", 5269));
    }

    @Test
    void cacheShouldKeepAtMostItsSizeOfDomains() {
        S2sRouter bounded = new S2sRouter(List.of(), fakeDns, clock,
            new DnsTimes(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(1)), 10);

        for (int i = 0; i < 1000; i++) {
            bounded.resolve("d" + i + ".test").toCompletableFuture().join();
        }

        assertThat(bounded.cachedDomains()).isLessThanOrEqualTo(10);
        bounded.resolve("d999.test").toCompletableFuture().join();
        assertThat(lookups).hasValue(1000);
    }
}
