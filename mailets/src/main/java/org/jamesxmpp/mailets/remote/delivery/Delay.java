package org.jamesxmpp.mailets.remote.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.apache.james.util.DurationParser;

import com.google.common.base.Preconditions;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;

/**
 * One element of a {@code delayTime} list in RemoteDelivery's syntax: {@code [attempts*]delay[unit]}, e.g.
 * {@code 2*5 minutes} or {@code 30000} (milliseconds when no unit is given).
 */
public record Delay(int attempts, Duration delay) {
    public Delay {
        Preconditions.checkArgument(attempts >= 0, "attempts must not be negative: %s", attempts);
        Preconditions.checkArgument(!delay.isNegative(), "delay must not be negative: %s", delay);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code value}
     */
    public static Delay parse(String value) {
        List<String> parts = Splitter.on('*').trimResults().splitToList(value.trim());
        if (parts.size() == 1) {
            return new Delay(1, duration(parts.get(0), value));
        }
        if (parts.size() == 2) {
            return new Delay(attempts(parts.get(0), value), duration(parts.get(1), value));
        }
        throw new IllegalArgumentException("'" + value + "' has more than one '*'");
    }

    public List<Duration> expanded() {
        return ImmutableList.copyOf(Collections.nCopies(attempts, delay));
    }

    private static int attempts(String attempts, String value) {
        try {
            int parsed = Integer.parseInt(attempts);
            if (parsed < 0) {
                throw new IllegalArgumentException("'" + value + "' has a negative number of attempts");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' does not start with a number of attempts", e);
        }
    }

    private static Duration duration(String duration, String value) {
        if (duration.isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' has no delay");
        }
        try {
            Duration parsed = DurationParser.parse(duration);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("'" + value + "' is a negative delay");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a delay", e);
        }
    }
}
