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

    boolean bool(String key, boolean defaultValue) throws ConfigurationException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.get());
        }
        throw new ConfigurationException(String.format("xmpp.xml: %s '%s' needs to be true or false", display(key), value.get()));
    }

    int size(String key, int defaultValue) throws ConfigurationException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int bytes = Math.toIntExact(Size.parse(value.get()).asBytes());
            if (bytes <= 0) {
                throw new IllegalArgumentException("not positive");
            }
            return bytes;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' is not a size (e.g. 512K, 1M, 65536)", display(key), value.get()));
        }
    }

    int positiveInt(String key, int defaultValue) throws ConfigurationException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number <= 0) {
                throw new NumberFormatException("not positive");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' is not a positive whole number", display(key), value.get()));
        }
    }

    WorkerPool workerPool(String threadsKey, String maxQueuedKey, WorkerPool defaultValue) throws ConfigurationException {
        return new WorkerPool(positiveInt(threadsKey, defaultValue.threads()), positiveInt(maxQueuedKey, defaultValue.maxQueued()));
    }

    Duration duration(String key, Duration defaultValue) throws ConfigurationException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration duration = DurationParser.parse(value.get());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' is not a duration (e.g. 30s, 5m, 1h)", display(key), value.get()));
        }
    }
}
