package org.jamesxmpp.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import com.google.common.base.Preconditions;

/** One generation of the cluster's dialback secret; generations count up from 1, one per rotation. */
public record DialbackSecret(int generation, String secret, Instant createdAt) {
    public DialbackSecret {
        Preconditions.checkArgument(generation > 0, "generation must be positive: %s", generation);
        Objects.requireNonNull(secret, "secret");
        // as the persistent stores keep it
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        Preconditions.checkArgument(!secret.isBlank(), "a dialback secret must not be blank");
    }

    public DialbackSecret next(String nextSecret, Instant now) {
        return new DialbackSecret(generation + 1, nextSecret, now);
    }

    @Override
    public String toString() {
        return "DialbackSecret[generation=" + generation + ", secret=***, createdAt=" + createdAt + "]";
    }
}
