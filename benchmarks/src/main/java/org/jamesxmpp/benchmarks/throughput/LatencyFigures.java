package org.jamesxmpp.benchmarks.throughput;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/** p50, p99 and max of the time from each message's scheduled send to its arrival; fails if any did not arrive. */
record LatencyFigures(double p50Millis, double p99Millis, double maxMillis, int count) {

    static LatencyFigures of(String path, long[] sentNanos, IntFunction<String> subject, Arrivals arrivals) {
        if (arrivals.duplicates() > 0) {
            throw new IllegalStateException(path + ": " + arrivals.duplicates() + " messages arrived twice");
        }
        double[] millis = new double[sentNanos.length];
        int missing = 0;
        for (int i = 0; i < sentNanos.length; i++) {
            long arrived = arrivals.at(subject.apply(i));
            if (arrived < 0) {
                missing++;
            }
            millis[i] = (arrived - sentNanos[i]) / 1e6;
        }
        if (missing > 0) {
            throw new IllegalStateException(path + ": " + missing + " of " + sentNanos.length + " messages did not arrive");
        }
        Arrays.sort(millis);
        return new LatencyFigures(percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1], millis.length);
    }

    private static double percentile(double[] sorted, double fraction) {
        return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    String describe(String path, int perSecond) {
        return String.format(Locale.ROOT, "latency %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d at %d msg/s)", path,
            p50Millis, p99Millis, maxMillis, count, perSecond);
    }

    /** {@code latency NAME xmpp/smtp = R (xmpp p99 X ms, smtp p99 S ms, n=N)}, the ratio of the p99s. */
    static String ratioLine(String name, LatencyFigures xmpp, LatencyFigures smtp) {
        return String.format(Locale.ROOT, "latency %s = %.2f (xmpp p99 %.1f ms, smtp p99 %.1f ms, n=%d)", name,
            xmpp.p99Millis / smtp.p99Millis, xmpp.p99Millis, smtp.p99Millis, xmpp.count);
    }
}
