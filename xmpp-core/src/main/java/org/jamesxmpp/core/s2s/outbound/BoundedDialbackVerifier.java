package org.jamesxmpp.core.s2s.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the verifications waiting for an answer over all incoming streams: unauthenticated peers make us open
 * connections, so beyond {@code maxPending} the answer is {@link DialbackOutcome#BUSY} at once, without asking.
 * Thread-safe.
 */
public class BoundedDialbackVerifier implements DialbackVerifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(BoundedDialbackVerifier.class);

    private final DialbackVerifier delegate;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    public BoundedDialbackVerifier(DialbackVerifier delegate, int maxPending) {
        this.delegate = delegate;
        this.maxPending = maxPending;
    }

    @Override
    public CompletionStage<DialbackOutcome> verify(String receivingDomain, String originatingDomain, String streamId,
                                                   String key) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            LOGGER.warn("{} dialback verifications pending: not verifying another one", maxPending);
            return CompletableFuture.completedFuture(DialbackOutcome.BUSY);
        }
        try {
            return delegate.verify(receivingDomain, originatingDomain, streamId, key)
                .whenComplete((outcome, error) -> pending.decrementAndGet());
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
    }
}
