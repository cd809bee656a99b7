package org.jamesxmpp.core.s2s.dialback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jamesxmpp.core.store.DialbackSecret;
import org.junit.jupiter.api.Test;

class DialbackSecretRingTest {
    private static final SecretRotation ROTATION = new SecretRotation(Duration.ofHours(1), Duration.ofMinutes(8));
    private static final Instant FIRST = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant ROTATED = FIRST.plus(ROTATION.interval());
    private static final DialbackSecret ONE = new DialbackSecret(1, "one", FIRST);
    private static final DialbackSecret TWO = new DialbackSecret(2, "two", ROTATED);
    private final DialbackSecretRing testee = new DialbackSecretRing(List.of(TWO, ONE), ROTATION);

    @Test
    void refreshShouldComeFourTimesPerGracePeriodAndANewGenerationSignAfterTwo() {
        assertThat(ROTATION.refreshInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ROTATION.lead()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void onlyGenerationShouldSignAtOnce() {
        assertThat(new DialbackSecretRing(List.of(ONE), ROTATION).signing(FIRST)).isEqualTo(ONE);
    }

    @Test
    void newGenerationShouldSignOnlyOnceItsLeadPassed() {
        assertThat(testee.signing(ROTATED)).isEqualTo(ONE);
        assertThat(testee.signing(ROTATED.plus(ROTATION.lead()).minusMillis(1))).isEqualTo(ONE);
        assertThat(testee.signing(ROTATED.plus(ROTATION.lead()))).isEqualTo(TWO);
    }

    @Test
    void bothGenerationsShouldVerifyUntilTheGracePeriodAfterTheNewOneSigns() {
        Instant graceEnds = ROTATED.plus(ROTATION.lead()).plus(ROTATION.gracePeriod());

        assertThat(testee.verifying(ROTATED)).containsExactly(TWO, ONE);
        assertThat(testee.verifying(graceEnds.minusMillis(1))).containsExactly(TWO, ONE);
        assertThat(testee.verifying(graceEnds)).containsExactly(TWO);
    }

    @Test
    void rotationShouldBeLongerThanItsGracePeriod() {
        assertThatThrownBy(() -> new SecretRotation(Duration.ofMinutes(5), Duration.ofMinutes(5)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("longer than its grace period");
    }

    @Test
    void keysOfAConfiguredSecretShouldNotDependOnTime() {
        DialbackKeys keys = new DialbackKeys("configured");

        assertThat(keys.isValid("a.test", "james.test", "s", keys.key("a.test", "james.test", "s"))).isTrue();
        assertThat(keys.isValid("a.test", "james.test", "s", new DialbackKeys("other").key("a.test", "james.test", "s")))
            .isFalse();
    }
}
