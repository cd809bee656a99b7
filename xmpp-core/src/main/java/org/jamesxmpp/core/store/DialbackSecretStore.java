package org.jamesxmpp.core.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Holds the dialback secret (XEP-0185) shared by every node of a cluster, so that any node can verify a key another
 * node generated, in generations: a rotation adds the next one, and the last few stay readable so keys made with an
 * older one still verify for a grace period ({@link org.jamesxmpp.core.s2s.dialback.DialbackSecretRing}).
 */
public interface DialbackSecretStore {
    /** Generations a store returns at most: the newest, and the ones still verifying during a grace period. */
    int KEPT = 3;

    /**
     * @return the newest generations, newest first, at most {@link #KEPT}; when none is stored, or the newest is
     *     {@code interval} old or older at {@code now}, stores the next generation with the candidate first (the first
     *     writer wins when several nodes race: each then gets the generation that won)
     */
    List<DialbackSecret> rotate(Instant now, Duration interval, Supplier<String> candidate);

    /**
     * @return the stored secret; when none is stored yet, stores the candidate and returns it
     *     (the first writer wins when several nodes race)
     */
    default String retrieveOrStore(Supplier<String> candidate) {
        return rotate(Instant.now(), ChronoUnit.FOREVER.getDuration(), candidate).get(0).secret();
    }

    /** Whether the newest generation is due for a rotation (none stored: a first generation is due). */
    static boolean due(List<DialbackSecret> newestFirst, Instant now, Duration interval) {
        return newestFirst.isEmpty() || Duration.between(newestFirst.get(0).createdAt(), now).compareTo(interval) >= 0;
    }
}
