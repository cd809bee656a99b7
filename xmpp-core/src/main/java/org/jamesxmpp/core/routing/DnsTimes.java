package org.jamesxmpp.core.routing;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * How long DNS SRV answers are waited for and kept ({@code dns/*} of xmpp.xml).
 *
 * @param lookupTimeout how long the delivery matcher waits for an answer before it takes the domain for one without
 *     XMPP
 * @param maxCacheTtl an answer is kept for its TTL, at most this long
 * @param negativeCacheTtl no answer (no record, or a failed lookup) is kept this long
 */
public record DnsTimes(Duration lookupTimeout, Duration maxCacheTtl, Duration negativeCacheTtl) {
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_CACHE_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofMinutes(5);

    public DnsTimes {
        Preconditions.checkArgument(isPositive(lookupTimeout), "lookupTimeout must be positive");
        Preconditions.checkArgument(isPositive(maxCacheTtl), "maxCacheTtl must be positive");
        Preconditions.checkArgument(isPositive(negativeCacheTtl), "negativeCacheTtl must be positive");
    }

    public static DnsTimes defaults() {
        return new DnsTimes(DEFAULT_LOOKUP_TIMEOUT, DEFAULT_MAX_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
