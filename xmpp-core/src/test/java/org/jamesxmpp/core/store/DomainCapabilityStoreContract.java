package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jamesxmpp.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** What every {@link DomainCapabilityStore} must do; implemented once per backend, each on {@link #clock()}. */
public interface DomainCapabilityStoreContract {
    Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    Duration TTL = Duration.ofHours(1);
    String LOCAL = "james.test";
    String PEER = "prosody.test";
    String ADDRESS = "http://jabber.org/protocol/address";

    DomainCapabilityStore testee();

    /** The clock the testee takes time from, at {@link #NOW} when a test starts. */
    MutableClock clock();

    @Test
    default void unknownDomainShouldHaveNoCapabilities() {
        assertThat(testee().get(LOCAL, PEER).blockOptional()).isEmpty();
    }

    @Test
    default void storedCapabilitiesShouldBeReturnedWithWhenTheyWereStored() {
        testee().put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();
        clock().advance(Duration.ofMinutes(5));

        assertThat(testee().get(LOCAL, PEER).block()).isEqualTo(new DomainCapabilities(Set.of(ADDRESS), NOW));
    }

    @Test
    default void answerWithoutFeaturesShouldBeKeptToo() {
        testee().put(LOCAL, PEER, Set.of(), TTL).block();

        assertThat(testee().get(LOCAL, PEER).block()).isEqualTo(new DomainCapabilities(Set.of(), NOW));
    }

    @Test
    default void severalFeaturesShouldBeKept() {
        testee().put(LOCAL, PEER, Set.of(ADDRESS, "urn:xmpp:ping"), TTL).block();

        assertThat(testee().get(LOCAL, PEER).block().features()).containsOnly(ADDRESS, "urn:xmpp:ping");
    }

    @Test
    default void capabilitiesShouldBeGoneOnceTheirTtlRanOut() {
        testee().put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();
        clock().advance(TTL);

        assertThat(testee().get(LOCAL, PEER).blockOptional()).isEmpty();
    }

    @Test
    default void laterAnswerShouldReplaceTheEarlierOne() {
        testee().put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();
        clock().advance(Duration.ofMinutes(10));
        testee().put(LOCAL, PEER, Set.of(), TTL).block();

        assertThat(testee().get(LOCAL, PEER).block())
            .isEqualTo(new DomainCapabilities(Set.of(), NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    default void laterAnswerShouldCarryItsOwnTtl() {
        testee().put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();
        clock().advance(Duration.ofMinutes(50));
        testee().put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();
        clock().advance(Duration.ofMinutes(50));

        assertThat(testee().get(LOCAL, PEER).block().storedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(50)));
    }

    @Test
    default void answerShouldBelongToItsPairOfDomains() {
        testee().put(LOCAL, PEER, Set.of(ADDRESS), TTL).block();

        assertThat(testee().get("other.test", PEER).blockOptional()).isEmpty();
        assertThat(testee().get(LOCAL, "ejabberd.test").blockOptional()).isEmpty();
        assertThat(testee().get(PEER, LOCAL).blockOptional()).isEmpty();
    }
}
