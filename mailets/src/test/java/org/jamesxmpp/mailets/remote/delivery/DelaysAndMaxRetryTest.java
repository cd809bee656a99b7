package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DelaysAndMaxRetryTest {
    @Test
    void fromShouldExpandAttemptsInOrder() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.from(3, "2*5 minutes, 1 hour");

        assertThat(testee.delays()).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1));
        assertThat(testee.maxRetries()).isEqualTo(3);
    }

    @Test
    void fromShouldReadMillisecondsWhenNoUnitIsGiven() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.from(1, "30000");

        assertThat(testee.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fromShouldRepeatTheLastDelayWhenMaxRetriesIsLarger() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.from(4, "1 minute, 10 minutes");

        assertThat(testee.delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    }

    @Test
    void fromShouldRaiseMaxRetriesWhenDelayTimeListsMoreAttempts() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.from(1, "3*1 minute");

        assertThat(testee.maxRetries()).isEqualTo(3);
    }

    @Test
    void fromShouldAllowNoRetryAtAll() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.from(0, "");

        assertThat(testee.maxRetries()).isZero();
        assertThat(testee.delays()).isEmpty();
    }

    @Test
    void fromShouldFailNamingTheBadElementWhenADelayIsNotADuration() {
        assertThatThrownBy(() -> DelaysAndMaxRetry.from(2, "1 minute, soon"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'soon'");
    }

    @Test
    void fromShouldFailWhenAttemptsAreNegative() {
        assertThatThrownBy(() -> DelaysAndMaxRetry.from(2, "-1*1 minute"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'-1*1 minute'");
    }

    @Test
    void fromShouldFailWhenRetriesAreWantedWithoutAnyDelay() {
        assertThatThrownBy(() -> DelaysAndMaxRetry.from(2, " , "))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withDefaultDelaysShouldCutTheDefaultsToMaxRetries() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.withDefaultDelays(2, "1 minute, 5 minutes, 30 minutes");

        assertThat(testee.delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
    }

    @Test
    void withDefaultDelaysShouldRepeatTheLastDefaultUpToMaxRetries() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.withDefaultDelays(3, "1 minute, 5 minutes");

        assertThat(testee.delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void delayBeforeRetryShouldRefuseARetryBeyondTheSchedule() {
        DelaysAndMaxRetry testee = DelaysAndMaxRetry.from(1, "1 minute");

        assertThatThrownBy(() -> testee.delayBeforeRetry(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
