package org.jamesxmpp.listener.configuration;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.util.DurationParser;
import org.apache.james.util.Size;
import org.jamesxmpp.core.WorkerPool;

import com.google.common.collect.ImmutableList;

/** Typed reads of xmpp.xml values; a malformed value names its setting in the error. */
class ConfigurationValues {
    private final HierarchicalConfiguration<ImmutableNode> config;

    ConfigurationValues(HierarchicalConfiguration<ImmutableNode> config) {
        this.config = config;
    }

    static String display(String key) {
        return key.replace('.', '/');
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(config.getString(key, null)).map(String::trim).filter(s -> !s.isEmpty());
    }

    List<String> list(String key) {
        return config.getList(String.class, key, ImmutableList.of());
    }

    /** A value read from the file as text, turned into its type; throws {@link IllegalArgumentException} if it is none. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value);
    }

    boolean bool(String key, boolean defaultValue) throws ConfigurationException {
        return parsed(key, defaultValue, "needs to be true or false", value -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("not a boolean");
            }
            return Boolean.parseBoolean(value);
        });
    }

    int size(String key, int defaultValue) throws ConfigurationException {
        return parsed(key, defaultValue, "is not a size (e.g. 512K, 1M, 65536)",
            value -> positive(Math.toIntExact(Size.parse(value).asBytes())));
    }

    int positiveInt(String key, int defaultValue) throws ConfigurationException {
        return parsed(key, defaultValue, "is not a positive whole number", value -> positive(Integer.parseInt(value)));
    }

    int size(String key, int defaultValue, int minimum) throws ConfigurationException {
        return atLeast(key, size(key, defaultValue), minimum, " bytes");
    }

    int positiveInt(String key, int defaultValue, int minimum) throws ConfigurationException {
        return atLeast(key, positiveInt(key, defaultValue), minimum, "");
    }

    private static int atLeast(String key, int value, int minimum, String unit) throws ConfigurationException {
        if (value < minimum) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%d' is under the minimum of %d%s", display(key), value,
                minimum, unit));
        }
        return value;
    }

    WorkerPool workerPool(String threadsKey, String maxQueuedKey, WorkerPool defaultValue) throws ConfigurationException {
        return new WorkerPool(positiveInt(threadsKey, defaultValue.threads()), positiveInt(maxQueuedKey, defaultValue.maxQueued()));
    }

    Duration duration(String key, Duration defaultValue) throws ConfigurationException {
        return parsed(key, defaultValue, "is not a duration (e.g. 30s, 5m, 1h)", value -> {
            Duration duration = DurationParser.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return duration;
        });
    }

    /** A duration where zero means "none" (e.g. 0s). */
    Duration durationOrZero(String key, Duration defaultValue) throws ConfigurationException {
        return parsed(key, defaultValue, "is not a duration (e.g. 0s, 30s, 5m, 1h)", value -> {
            Duration duration = DurationParser.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return duration;
        });
    }

    private <T> T parsed(String key, T defaultValue, String expected, Parser<T> parser) throws ConfigurationException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.parse(value.get());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' %s", display(key), value.get(), expected));
        }
    }

    private static int positive(int number) {
        if (number <= 0) {
            throw new IllegalArgumentException("not positive");
        }
        return number;
    }
}
