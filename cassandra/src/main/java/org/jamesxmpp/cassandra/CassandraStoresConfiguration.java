package org.jamesxmpp.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.net.HostAndPort;

/**
 * The part of James's {@code cassandra.properties} the extension reads, under James's own keys, so that a James
 * cluster's file serves as is.
 */
public record CassandraStoresConfiguration(List<InetSocketAddress> nodes, String keyspace, boolean createKeyspace,
                                           int replicationFactor, String localDatacenter, Optional<String> user,
                                           Optional<String> password, int connectionRetries, Duration retryDelay) {
    public static final String FILE = "cassandra.properties";
    public static final String NODES = "cassandra.nodes";
    public static final String KEYSPACE = "cassandra.keyspace";
    public static final String CREATE_KEYSPACE = "cassandra.keyspace.create";
    public static final String REPLICATION_FACTOR = "cassandra.replication.factor";
    public static final String LOCAL_DC = "cassandra.local.dc";
    public static final String USER = "cassandra.user";
    public static final String PASSWORD = "cassandra.password";
    public static final String MAX_RETRIES = "cassandra.retryConnection.maxRetries";
    public static final String MIN_DELAY = "cassandra.retryConnection.minDelay";

    public static final int DEFAULT_PORT = 9042;
    public static final String DEFAULT_KEYSPACE = "apache_james";
    public static final String DEFAULT_DATACENTER = "datacenter1";

    public CassandraStoresConfiguration {
        nodes = ImmutableList.copyOf(nodes);
    }

    public static CassandraStoresConfiguration from(Configuration configuration) throws ConfigurationException {
        return new CassandraStoresConfiguration(
            nodes(configuration),
            configuration.getString(KEYSPACE, DEFAULT_KEYSPACE),
            bool(configuration, CREATE_KEYSPACE, false),
            positive(configuration, REPLICATION_FACTOR, 1),
            configuration.getString(LOCAL_DC, DEFAULT_DATACENTER),
            Optional.ofNullable(configuration.getString(USER, null)),
            Optional.ofNullable(configuration.getString(PASSWORD, null)),
            atLeastZero(configuration, MAX_RETRIES, 10),
            Duration.ofMillis(atLeastZero(configuration, MIN_DELAY, 5000)));
    }

    private static List<InetSocketAddress> nodes(Configuration configuration) throws ConfigurationException {
        String[] values = configuration.getStringArray(NODES);
        List<String> nodes = Arrays.stream(values)
            .flatMap(value -> Splitter.on(',').trimResults().omitEmptyStrings().splitToStream(value))
            .collect(ImmutableList.toImmutableList());
        if (nodes.isEmpty()) {
            throw new ConfigurationException(FILE + ": " + NODES + " is missing (host[:port], comma separated)");
        }
        ImmutableList.Builder<InetSocketAddress> addresses = ImmutableList.builder();
        for (String node : nodes) {
            try {
                HostAndPort hostAndPort = HostAndPort.fromString(node).withDefaultPort(DEFAULT_PORT);
                addresses.add(InetSocketAddress.createUnresolved(hostAndPort.getHost(), hostAndPort.getPort()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(FILE + ": " + NODES + " '" + node + "' is not host[:port]");
            }
        }
        return addresses.build();
    }

    private static boolean bool(Configuration configuration, String key, boolean defaultValue)
        throws ConfigurationException {
        String value = configuration.getString(key, String.valueOf(defaultValue)).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new ConfigurationException(FILE + ": " + key + " '" + value + "' is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static int positive(Configuration configuration, String key, int defaultValue)
        throws ConfigurationException {
        return atLeast(configuration, key, defaultValue, 1, "must be at least 1");
    }

    private static int atLeastZero(Configuration configuration, String key, int defaultValue)
        throws ConfigurationException {
        return atLeast(configuration, key, defaultValue, 0, "must not be negative");
    }

    private static int atLeast(Configuration configuration, String key, int defaultValue, int minimum, String rule)
        throws ConfigurationException {
        int value = integer(configuration, key, defaultValue);
        if (value < minimum) {
            throw new ConfigurationException(FILE + ": " + key + " '" + value + "' " + rule);
        }
        return value;
    }

    private static int integer(Configuration configuration, String key, int defaultValue)
        throws ConfigurationException {
        String value = configuration.getString(key, String.valueOf(defaultValue)).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(FILE + ": " + key + " '" + value + "' is not a number");
        }
    }

    /** For messages: the nodes as written, never the password. */
    public String describeNodes() {
        return nodes.stream()
            .map(node -> node.getHostString() + ":" + node.getPort())
            .collect(ImmutableList.toImmutableList())
            .toString();
    }
}
