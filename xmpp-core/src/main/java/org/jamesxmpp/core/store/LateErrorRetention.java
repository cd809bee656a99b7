package org.jamesxmpp.core.store;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * How long and how many delivered stanzas a {@link LateErrorStore} keeps for a late stanza error ({@code xmpp.xml}
 * {@code lateErrors/retention} and {@code lateErrors/maxEntries}); beyond the maximum the oldest go first.
 */
public record LateErrorRetention(Duration retention, int maxEntries) {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    public LateErrorRetention {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        Preconditions.checkArgument(maxEntries > 0, "maxEntries must be positive");
    }

    public static LateErrorRetention defaults() {
        return new LateErrorRetention(DEFAULT_RETENTION, DEFAULT_MAX_ENTRIES);
    }
}
