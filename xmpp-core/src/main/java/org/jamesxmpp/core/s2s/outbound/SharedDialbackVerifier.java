package org.jamesxmpp.core.s2s.outbound;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;

/**
 * One question per key in flight: a {@code db:result} repeated while the same verification (receiving domain, claimed
 * domain, stream id, key) is still waiting for its answer shares that answer instead of opening another connection.
 * Entries live only while their verification is in flight. Thread-safe.
 */
public class SharedDialbackVerifier implements DialbackVerifier {
    private record Question(String receivingDomain, String originatingDomain, String streamId, String key) {
    }

    private final DialbackVerifier delegate;
    private final Map<Question, CompletableFuture<DialbackOutcome>> inFlight = new ConcurrentHashMap<>();

    public SharedDialbackVerifier(DialbackVerifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletionStage<DialbackOutcome> verify(String receivingDomain, String originatingDomain, String streamId,
                                                   String key) {
        Question question = new Question(receivingDomain, originatingDomain, streamId, key);
        CompletableFuture<DialbackOutcome> asked = new CompletableFuture<>();
        CompletableFuture<DialbackOutcome> shared = inFlight.putIfAbsent(question, asked);
        if (shared != null) {
            return shared.minimalCompletionStage();
        }
        try {
            delegate.verify(receivingDomain, originatingDomain, streamId, key).whenComplete((outcome, error) -> {
                inFlight.remove(question, asked);
                if (error != null) {
                    asked.completeExceptionally(error);
                } else {
                    asked.complete(outcome);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(question, asked);
            asked.completeExceptionally(e);
        }
        return asked.minimalCompletionStage();
    }

    int inFlight() {
        return inFlight.size();
    }
}
