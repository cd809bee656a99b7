package org.jamesxmpp.core.routing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * How long DNS SRV answers are waited for and kept, and which servers are asked ({@code dns/*} of xmpp.xml).
 *
 * @param lookupTimeout how long the delivery matcher waits for an answer before it takes the domain for one without
 *     XMPP
 * @param maxCacheTtl an answer is kept for its TTL, at most this long
 * @param negativeCacheTtl no answer (no record, or a failed lookup) is kept this long
 * @param servers the DNS servers asked for SRV records, in order; empty: the system's ({@code /etc/resolv.conf})
 */
public record DnsTimes(Duration lookupTimeout, Duration maxCacheTtl, Duration negativeCacheTtl,
                       List<InetSocketAddress> servers) {
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_CACHE_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofMinutes(5);

    public DnsTimes {
        Preconditions.checkArgument(isPositive(lookupTimeout), "lookupTimeout must be positive");
        Preconditions.checkArgument(isPositive(maxCacheTtl), "maxCacheTtl must be positive");
        Preconditions.checkArgument(isPositive(negativeCacheTtl), "negativeCacheTtl must be positive");
        servers = ImmutableList.copyOf(servers);
    }

    /** Asking the system's DNS servers. */
    public DnsTimes(Duration lookupTimeout, Duration maxCacheTtl, Duration negativeCacheTtl) {
        this(lookupTimeout, maxCacheTtl, negativeCacheTtl, ImmutableList.of());
    }

    public static DnsTimes defaults() {
        return new DnsTimes(DEFAULT_LOOKUP_TIMEOUT, DEFAULT_MAX_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
