package org.jamesxmpp.core.s2s.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

import org.jamesxmpp.core.s2s.DeliveryException;

import com.google.common.cache.CacheBuilder;

/**
 * Per remote domain: after a failed connection attempt (no route, refused, or no answer in
 * time), new streams to that domain are not tried for a while, exponentially longer for each
 * failure in a row up to a cap; a stream that gets established forgets the failures. Without
 * it, every stanza to a dead peer would open a socket and wait for the connect timeout again.
 * At most {@code maxDomains} domains are remembered ({@code dialback/maxBackoffDomains}); beyond, the least recently
 * failed are forgotten. Thread-safe.
 */
public class ConnectBackoff {
    private record Failures(int count, Instant until, DeliveryException.Reason reason, String message) {
    }

    private final ConcurrentMap<String, Failures> failures;
    private final Duration base;
    private final Duration cap;
    private final Clock clock;

    public ConnectBackoff(Duration base, Duration cap, int maxDomains, Clock clock) {
        this.failures = CacheBuilder.newBuilder().maximumSize(maxDomains).<String, Failures>build().asMap();
        this.base = base;
        this.cap = cap;
        this.clock = clock;
    }

    /** The failure to report instead of connecting, while {@code remoteDomain} is backing off. */
    public Optional<DeliveryException> refusal(String remoteDomain) {
        Instant now = clock.instant();
        return Optional.ofNullable(failures.get(remoteDomain))
            .filter(state -> now.isBefore(state.until()))
            .map(state -> DeliveryException.notTriedBefore(state.reason(), "not trying " + remoteDomain + " again before "
                + state.until() + " after " + state.count() + " failed connection attempt(s); last: " + state.message(),
                state.until()));
    }

    /** Only connection failures count: {@code REMOTE_SERVER_NOT_FOUND} and {@code REMOTE_SERVER_TIMEOUT}. */
    public void failed(String remoteDomain, TerminationCause cause) {
        if (cause.retry() || (cause.reason() != DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND
            && cause.reason() != DeliveryException.Reason.REMOTE_SERVER_TIMEOUT)) {
            return;
        }
        Instant now = clock.instant();
        failures.compute(remoteDomain, (domain, previous) -> {
            int count = previous == null ? 1 : previous.count() + 1;
            return new Failures(count, now.plus(delay(base, cap, count)), cause.reason(), cause.message());
        });
    }

    public void succeeded(String remoteDomain) {
        failures.remove(remoteDomain);
    }

    /** {@code base} doubled for each failure after the first, at most {@code cap}. */
    static Duration delay(Duration base, Duration cap, int failureCount) {
        int doublings = Math.min(failureCount - 1, 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 || delay.isNegative() ? cap : delay;
    }
}
