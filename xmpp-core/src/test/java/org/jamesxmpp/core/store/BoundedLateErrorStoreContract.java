package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * {@link LateErrorStoreContract} for the stores that also hold at most {@link LateErrorRetention#maxEntries()} tickets
 * (memory, JPA); a store bounded by its retention alone (Cassandra's TTL) passes the plain contract.
 */
public interface BoundedLateErrorStoreContract extends LateErrorStoreContract {
    @Test
    default void storeShouldKeepAtMostItsMaximumAndTheNewest() {
        for (int i = 0; i < 3 * MAX_ENTRIES; i++) {
            testee().remember(SentStanzaKey.of("peer.test", "m" + i, "alice@peer.test"), TICKET).block();
            advanceClock(Duration.ofMillis(10));
        }

        long kept = IntStream.range(0, 3 * MAX_ENTRIES)
            .filter(i -> testee().take(SentStanzaKey.of("peer.test", "m" + i, "alice@peer.test")).blockOptional().isPresent())
            .count();
        assertThat(kept).isPositive().isLessThanOrEqualTo(MAX_ENTRIES);
    }

    @Test
    default void newestTicketShouldSurviveTheBound() {
        for (int i = 0; i < 3 * MAX_ENTRIES; i++) {
            testee().remember(SentStanzaKey.of("peer.test", "m" + i, "alice@peer.test"), TICKET).block();
            advanceClock(Duration.ofMillis(10));
        }

        assertThat(testee().take(SentStanzaKey.of("peer.test", "m" + (3 * MAX_ENTRIES - 1), "alice@peer.test")).block())
            .isEqualTo(TICKET);
    }
}
