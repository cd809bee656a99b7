package org.jamesxmpp.jpa;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableMap;

/**
 * {@code james-database.properties}, with the keys of James's JPA server: {@code database.driverClassName},
 * {@code database.url}, {@code database.username}, {@code database.password}, {@code datasource.*} (connection
 * pool) and {@code openjpa.*} (passed to OpenJPA as they are). A relative embedded Derby database
 * ({@code jdbc:derby:var/store/derby;create=true}) lives below James's working directory.
 */
public record DatabaseConfiguration(String driverClassName, String url, Optional<Credential> credential,
                                    Map<String, String> datasourceProperties, Map<String, String> openJpaProperties) {
    public static final String FILENAME = "james-database";
    static final String DRIVER_CLASS_NAME = "database.driverClassName";
    static final String URL = "database.url";
    static final String USERNAME = "database.username";
    static final String PASSWORD = "database.password";
    private static final String DATASOURCE_PREFIX = "datasource";
    private static final String OPENJPA_PREFIX = "openjpa";
    private static final String MULTITHREADED = "openjpa.Multithreaded";

    public record Credential(String username, String password) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***]";
        }
    }

    public DatabaseConfiguration {
        datasourceProperties = ImmutableMap.copyOf(datasourceProperties);
        openJpaProperties = ImmutableMap.copyOf(openJpaProperties);
    }

    public static DatabaseConfiguration from(Configuration properties, Path workingDirectory) throws ConfigurationException {
        String driverClassName = required(properties, DRIVER_CLASS_NAME);
        String url = DerbyUrl.resolve(required(properties, URL), workingDirectory);
        Optional<String> username = optional(properties, USERNAME);
        Optional<String> password = optional(properties, PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigurationException(FILENAME + ".properties: set both " + USERNAME + " and " + PASSWORD + ", or neither");
        }
        Optional<Credential> credential = username.map(user -> new Credential(user, password.get()));
        return new DatabaseConfiguration(driverClassName, url, credential,
            withPrefix(properties, DATASOURCE_PREFIX, true), withPrefix(properties, OPENJPA_PREFIX, false));
    }

    /** The properties {@code Persistence.createEntityManagerFactory} takes, as James's JPA server builds them. */
    public Map<String, String> entityManagerFactoryProperties() {
        ImmutableMap.Builder<String, String> builder = ImmutableMap.builder();
        builder.put("openjpa.ConnectionDriverName", driverClassName);
        builder.put("openjpa.ConnectionURL", url);
        credential.ifPresent(value -> {
            builder.put("openjpa.ConnectionUserName", value.username());
            builder.put("openjpa.ConnectionPassword", value.password());
        });
        if (!datasourceProperties.isEmpty()) {
            builder.put("openjpa.ConnectionProperties", Joiner.on(',').withKeyValueSeparator('=').join(datasourceProperties));
        }
        if (!openJpaProperties.containsKey(MULTITHREADED)) {
            builder.put(MULTITHREADED, "true");
        }
        builder.putAll(openJpaProperties);
        return builder.buildKeepingLast();
    }

    private static String required(Configuration properties, String key) throws ConfigurationException {
        return optional(properties, key)
            .orElseThrow(() -> new ConfigurationException(FILENAME + ".properties: " + key + " is missing"));
    }

    private static Optional<String> optional(Configuration properties, String key) {
        return Optional.ofNullable(properties.getString(key, null))
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    }

    /** {@code openjpa.*} as they are; {@code datasource.maxTotal=8} becomes the pool's {@code MaxTotal=8}, as in James. */
    private static Map<String, String> withPrefix(Configuration properties, String prefix, boolean poolProperty)
            throws ConfigurationException {
        ImmutableMap.Builder<String, String> builder = ImmutableMap.builder();
        Iterator<String> keys = properties.getKeys(prefix);
        while (keys.hasNext()) {
            String key = keys.next();
            String value = properties.getString(key);
            if (poolProperty) {
                builder.put(poolProperty(key.substring(prefix.length() + 1), value));
            } else {
                builder.put(key, value);
            }
        }
        return builder.build();
    }

    private static Map.Entry<String, String> poolProperty(String key, String value) throws ConfigurationException {
        return switch (key) {
            case "validationQueryTimeoutSec" -> Map.entry("ValidationTimeout", String.valueOf(seconds(key, value) * 1000));
            case "validationQuery" -> Map.entry("ValidationSQL", "'" + value + "'");
            default -> Map.entry(Character.toUpperCase(key.charAt(0)) + key.substring(1), value);
        };
    }

    private static long seconds(String key, String value) throws ConfigurationException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(FILENAME + ".properties: datasource." + key + " '" + value + "' is not a number of seconds");
        }
    }
}
