package org.jamesxmpp.mailets.remote.delivery;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;

/**
 * The retry schedule, with RemoteDelivery's semantics: {@code delays.get(n - 1)} is waited before retry {@code n};
 * more attempts in {@code delayTime} than {@code maxRetries} raise {@code maxRetries}; fewer repeat the last delay.
 */
public record DelaysAndMaxRetry(int maxRetries, List<Duration> delays) {
    static final Duration HAND_BACK_WITHOUT_DELAYS = Duration.ofMinutes(1);

    private static final Logger LOGGER = LoggerFactory.getLogger(DelaysAndMaxRetry.class);

    public DelaysAndMaxRetry {
        Preconditions.checkArgument(maxRetries >= 0, "maxRetries must not be negative: %s", maxRetries);
        delays = ImmutableList.copyOf(delays);
        Preconditions.checkArgument(delays.size() == maxRetries, "one delay per retry is needed: %s delays for %s retries",
            delays.size(), maxRetries);
    }

    /**
     * @param delayTime comma separated {@link Delay}s, e.g. {@code 1 minute, 2*10 minutes, 1 hour}
     * @throws IllegalArgumentException naming the element of {@code delayTime} that is wrong
     */
    public static DelaysAndMaxRetry from(int intendedMaxRetries, String delayTime) {
        Preconditions.checkArgument(intendedMaxRetries >= 0, "maxRetries must not be negative: %s", intendedMaxRetries);
        List<Duration> expanded = expand(delayTime);
        if (expanded.size() > intendedMaxRetries) {
            LOGGER.warn("delayTime lists {} attempts, more than maxRetries {}: making {} retries",
                expanded.size(), intendedMaxRetries, expanded.size());
            return new DelaysAndMaxRetry(expanded.size(), expanded);
        }
        if (expanded.size() < intendedMaxRetries) {
            Preconditions.checkArgument(!expanded.isEmpty(), "'%s' lists no delay for %s retries", delayTime, intendedMaxRetries);
            Duration last = expanded.get(expanded.size() - 1);
            return new DelaysAndMaxRetry(intendedMaxRetries, ImmutableList.<Duration>builder()
                .addAll(expanded)
                .addAll(new Delay(intendedMaxRetries - expanded.size(), last).expanded())
                .build());
        }
        return new DelaysAndMaxRetry(intendedMaxRetries, expanded);
    }

    /**
     * The default schedule for {@code maxRetries}: the delays of {@code defaultDelayTime}, cut to
     * {@code maxRetries} or with its last delay repeated up to it.
     */
    public static DelaysAndMaxRetry withDefaultDelays(int maxRetries, String defaultDelayTime) {
        List<Duration> defaults = expand(defaultDelayTime);
        Preconditions.checkArgument(!defaults.isEmpty(), "no default delay");
        ImmutableList.Builder<Duration> delays = ImmutableList.builder();
        for (int retry = 0; retry < maxRetries; retry++) {
            delays.add(defaults.get(Math.min(retry, defaults.size() - 1)));
        }
        return new DelaysAndMaxRetry(maxRetries, delays.build());
    }

    private static List<Duration> expand(String delayTime) {
        return Splitter.on(',').trimResults().omitEmptyStrings().splitToStream(delayTime)
            .map(Delay::parse)
            .flatMap(delay -> delay.expanded().stream())
            .collect(ImmutableList.toImmutableList());
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public Duration delayBeforeRetry(int retry) {
        Preconditions.checkArgument(retry >= 1 && retry <= maxRetries, "retry %s is not in 1..%s", retry, maxRetries);
        return delays.get(retry - 1);
    }

    /**
     * The delay before a mail whose attempt could not be handled goes again, after {@code retries} retries: the
     * delay of the next retry, or of the last one (no retry is counted for it).
     */
    public Duration handBackDelay(int retries) {
        if (delays.isEmpty()) {
            return HAND_BACK_WITHOUT_DELAYS;
        }
        return delays.get(Math.max(0, Math.min(retries, delays.size() - 1)));
    }
}
