package org.jamesxmpp.core.s2s.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Per claimed domain: once a verification could not reach the domain's authoritative server, further claims of that
 * domain are answered {@link DialbackOutcome#UNREACHABLE} without dialing, for a while that doubles with each failure
 * in a row up to a cap; an answer from the server (valid or invalid) forgets the failures. Failures while a domain
 * is already backing off (verifications that were in flight together) count once. Only unreachable servers count:
 * a forged key ({@code INVALID}) shows the server answers, and counting it would let anyone lock a real domain out.
 * At most {@code maxDomains} domains are remembered. Thread-safe.
 */
public class VerificationBackoff implements DialbackVerifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(VerificationBackoff.class);

    private record Failures(int count, Instant until) {
    }

    private final DialbackVerifier delegate;
    private final Duration base;
    private final Duration cap;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    public VerificationBackoff(DialbackVerifier delegate, Duration base, Duration cap, int maxDomains, Clock clock) {
        this.delegate = delegate;
        this.base = base;
        this.cap = cap;
        this.clock = clock;
        this.failures = CacheBuilder.newBuilder().maximumSize(maxDomains).build();
    }

    @Override
    public CompletionStage<DialbackOutcome> verify(String receivingDomain, String originatingDomain, String streamId,
                                                   String key) {
        Failures state = failures.getIfPresent(originatingDomain);
        if (state != null && clock.instant().isBefore(state.until())) {
            LOGGER.info("Not verifying a dialback key of {} before {}: its server could not be reached {} time(s) in a row",
                LogSafe.of(originatingDomain), state.until(), state.count());
            return CompletableFuture.completedFuture(DialbackOutcome.UNREACHABLE);
        }
        return delegate.verify(receivingDomain, originatingDomain, streamId, key).whenComplete((outcome, error) -> {
            if (error != null || outcome == DialbackOutcome.UNREACHABLE) {
                failed(originatingDomain);
            } else if (outcome == DialbackOutcome.VALID || outcome == DialbackOutcome.INVALID) {
                failures.invalidate(originatingDomain);
            }
        });
    }

    private void failed(String domain) {
        Instant now = clock.instant();
        failures.asMap().compute(domain, (any, previous) -> {
            if (previous != null && now.isBefore(previous.until())) {
                return previous;
            }
            int count = previous == null ? 1 : previous.count() + 1;
            return new Failures(count, now.plus(ConnectBackoff.delay(base, cap, count)));
        });
    }
}
