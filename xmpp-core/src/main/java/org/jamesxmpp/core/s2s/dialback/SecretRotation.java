package org.jamesxmpp.core.s2s.dialback;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * How the generated dialback secret is rotated ({@code dialback/secretRotation}, {@code dialback/secretGracePeriod}).
 * A node that finds the newest generation {@code interval} old stores the next one; every node reads the generations
 * again each {@link #refreshInterval()}, so a new generation is used for new keys only {@link #lead()} after it was
 * stored (every node knows it by then), and keys made with the one before still verify for the grace period after
 * that.
 */
public record SecretRotation(Duration interval, Duration gracePeriod) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(10);
    private static final Duration MIN_REFRESH = Duration.ofMillis(250);

    public SecretRotation {
        Preconditions.checkArgument(gracePeriod.compareTo(Duration.ofSeconds(1)) >= 0,
            "the dialback secret's grace period must be at least 1s: %s", gracePeriod);
        Preconditions.checkArgument(interval.compareTo(gracePeriod) > 0,
            "the dialback secret's rotation interval (%s) must be longer than its grace period (%s)", interval, gracePeriod);
    }

    public static SecretRotation defaults() {
        return new SecretRotation(DEFAULT_INTERVAL, DEFAULT_GRACE_PERIOD);
    }

    /** How often each node reads the generations (and rotates when due). */
    public Duration refreshInterval() {
        Duration quarter = gracePeriod.dividedBy(4);
        return quarter.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : quarter;
    }

    /** How long after it was stored a generation starts signing: two refreshes, so every node verifies it first. */
    public Duration lead() {
        return refreshInterval().multipliedBy(2);
    }
}
