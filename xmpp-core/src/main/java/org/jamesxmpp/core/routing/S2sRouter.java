package org.jamesxmpp.core.routing;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * Finds where a domain's XMPP server listens: static routes first, then DNS SRV
 * {@code _xmpp-server._tcp}, then the domain itself on 5269. DNS answers are cached for their TTL
 * (bounded by {@link DnsTimes#maxCacheTtl()}); failures for {@link DnsTimes#negativeCacheTtl()}; for at most
 * {@code maxCachedDomains} domains.
 */
public class S2sRouter {
    public static final int DEFAULT_PORT = 5269;
    public static final int DEFAULT_MAX_CACHED_DOMAINS = 10_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(S2sRouter.class);

    private record CachedRoute(S2sRoute route, Instant expiry) {
    }

    private final Map<String, StaticRoute> staticRoutes;
    private final SrvLookup srvLookup;
    private final Clock clock;
    private final Duration lookupTimeout;
    private final Duration maxCacheTtl;
    private final Duration negativeTtl;
    private final Cache<String, CachedRoute> cache;

    /** @param maxCachedDomains the least recently used answers are forgotten beyond this many domains */
    public S2sRouter(List<StaticRoute> staticRoutes, SrvLookup srvLookup, Clock clock, DnsTimes dns, int maxCachedDomains) {
        this.staticRoutes = staticRoutes.stream()
            .collect(ImmutableMap.toImmutableMap(StaticRoute::domain, route -> route, (first, second) -> first));
        this.srvLookup = srvLookup;
        this.clock = clock;
        this.lookupTimeout = dns.lookupTimeout();
        this.maxCacheTtl = dns.maxCacheTtl();
        this.negativeTtl = dns.negativeCacheTtl();
        this.cache = CacheBuilder.newBuilder().maximumSize(maxCachedDomains).build();
    }

    public S2sRouter(List<StaticRoute> staticRoutes, Clock clock, DnsTimes dns, int maxCachedDomains) {
        this(staticRoutes, DnsJavaSrvLookup.asking(dns.servers(), dns.lookupTimeout()), clock, dns, maxCachedDomains);
    }

    public S2sRouter(List<StaticRoute> staticRoutes, Clock clock) {
        this(staticRoutes, clock, DnsTimes.defaults(), DEFAULT_MAX_CACHED_DOMAINS);
    }

    @VisibleForTesting
    long cachedDomains() {
        return cache.size();
    }

    /** Where to connect for {@code domain}; never fails: unknown domains get the 5269 fallback. */
    public CompletionStage<S2sRoute> resolve(String domain) {
        String normalized = domain.toLowerCase(Locale.ROOT);
        Optional<StaticRoute> staticRoute = Optional.ofNullable(staticRoutes.get(normalized));
        if (staticRoute.isPresent()) {
            StaticRoute route = staticRoute.get();
            return CompletableFuture.completedFuture(new S2sRoute(
                ImmutableList.of(InetSocketAddress.createUnresolved(route.host(), route.port())), true, true));
        }
        Instant now = clock.instant();
        CachedRoute cached = cache.getIfPresent(normalized);
        if (cached != null && cached.expiry().isAfter(now)) {
            return CompletableFuture.completedFuture(cached.route());
        }
        return srvLookup.lookup(normalized)
            .handle((targets, error) -> {
                if (error != null) {
                    LOGGER.warn("SRV lookup for {} failed: {}", LogSafe.of(normalized), LogSafe.of(error));
                    return cacheRoute(normalized, fallback(normalized), negativeTtl);
                }
                if (targets.isEmpty()) {
                    return cacheRoute(normalized, fallback(normalized), negativeTtl);
                }
                Duration ttl = targets.stream().map(SrvTarget::ttl).min(Duration::compareTo).orElse(negativeTtl);
                S2sRoute route = new S2sRoute(targets.stream()
                    .map(target -> InetSocketAddress.createUnresolved(target.host(), target.port()))
                    .collect(ImmutableList.toImmutableList()), true, false);
                return cacheRoute(normalized, route, ttl.compareTo(maxCacheTtl) > 0 ? maxCacheTtl : ttl);
            });
    }

    /**
     * Whether the domain declares an XMPP server (static route or SRV record). Blocks up to
     * {@link DnsTimes#lookupTimeout()} on a DNS lookup when the answer is not cached: call it from a mailet thread,
     * never from an event loop.
     */
    public boolean domainSpeaksXmpp(String domain) {
        try {
            return resolve(domain).toCompletableFuture()
                .get(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .advertised();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.warn("Could not tell whether {} speaks XMPP: {}", LogSafe.of(domain), LogSafe.of(e));
            return false;
        }
    }

    private S2sRoute cacheRoute(String domain, S2sRoute route, Duration ttl) {
        cache.put(domain, new CachedRoute(route, clock.instant().plus(ttl)));
        return route;
    }

    private static S2sRoute fallback(String domain) {
        return new S2sRoute(ImmutableList.of(InetSocketAddress.createUnresolved(domain, DEFAULT_PORT)), false, false);
    }
}
