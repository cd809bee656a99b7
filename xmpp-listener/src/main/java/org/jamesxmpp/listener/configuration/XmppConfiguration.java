package org.jamesxmpp.listener.configuration;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.util.DurationParser;
import org.apache.james.util.Size;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * The parsed content of {@code xmpp.xml}. Every setting has a default, so a missing or minimal file works;
 * an unknown element or a malformed value stops James at start with one line naming the setting.
 */
public record XmppConfiguration(boolean enabled,
                                List<HostPort> binds,
                                TlsSettings tls,
                                List<StaticRoute> routes,
                                int maxStanzaSize,
                                Optional<String> dialbackSecret,
                                Duration idleTimeout) {

    public static final HostPort DEFAULT_BIND = new HostPort("0.0.0.0", 5269);
    public static final int DEFAULT_PORT = 5269;
    public static final int DEFAULT_MAX_STANZA_SIZE = 512 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private static final Set<String> KNOWN_KEYS = ImmutableSet.of(
        "[@enabled]",
        "listener", "listener.bind",
        "tls", "tls.keystore", "tls.keystoreType", "tls.secret", "tls.required",
        "routes", "routes.route", "routes.route[@domain]", "routes.route[@host]", "routes.route[@port]",
        "limits", "limits.maxStanzaSize",
        "dialback", "dialback.secret",
        "streams", "streams.idleTimeout");

    public static XmppConfiguration defaults() {
        return new XmppConfiguration(true, ImmutableList.of(DEFAULT_BIND), TlsSettings.disabled(), ImmutableList.of(),
            DEFAULT_MAX_STANZA_SIZE, Optional.empty(), DEFAULT_IDLE_TIMEOUT);
    }

    public static XmppConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        rejectUnknownKeys(config);
        return new XmppConfiguration(
            parseBoolean(config, "[@enabled]", true),
            parseBinds(config),
            parseTls(config),
            parseRoutes(config),
            parseSize(config, "limits.maxStanzaSize", DEFAULT_MAX_STANZA_SIZE),
            nonBlank(config.getString("dialback.secret", null)),
            parseDuration(config, "streams.idleTimeout", DEFAULT_IDLE_TIMEOUT));
    }

    public XmppConfiguration {
        binds = ImmutableList.copyOf(binds);
        routes = ImmutableList.copyOf(routes);
    }

    private static void rejectUnknownKeys(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        Iterator<String> keys = config.getKeys();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!KNOWN_KEYS.contains(key)) {
                throw new ConfigurationException(String.format("xmpp.xml: unknown setting '%s' (known: %s)",
                    key.replace('.', '/'), String.join(", ", KNOWN_KEYS).replace('.', '/')));
            }
        }
    }

    private static List<HostPort> parseBinds(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        List<String> values = config.getList(String.class, "listener.bind", ImmutableList.of());
        if (values.isEmpty()) {
            return ImmutableList.of(DEFAULT_BIND);
        }
        ImmutableList.Builder<HostPort> binds = ImmutableList.builder();
        for (String value : values) {
            binds.add(HostPort.parse(value, "listener/bind"));
        }
        return binds.build();
    }

    private static TlsSettings parseTls(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        Optional<String> keystore = nonBlank(config.getString("tls.keystore", null));
        boolean required = parseBoolean(config, "tls.required", false);
        if (required && keystore.isEmpty()) {
            throw new ConfigurationException("xmpp.xml: tls/required is true but no tls/keystore is set");
        }
        return new TlsSettings(keystore,
            nonBlank(config.getString("tls.keystoreType", null)).orElse(TlsSettings.DEFAULT_KEYSTORE_TYPE),
            nonBlank(config.getString("tls.secret", null)),
            required);
    }

    private static List<StaticRoute> parseRoutes(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        ImmutableList.Builder<StaticRoute> routes = ImmutableList.builder();
        for (HierarchicalConfiguration<ImmutableNode> route : config.configurationsAt("routes.route")) {
            Optional<String> domain = nonBlank(route.getString("[@domain]", null));
            Optional<String> host = nonBlank(route.getString("[@host]", null));
            if (domain.isEmpty() || host.isEmpty()) {
                throw new ConfigurationException("xmpp.xml: routes/route needs both 'domain' and 'host' attributes");
            }
            String portValue = route.getString("[@port]", String.valueOf(DEFAULT_PORT));
            int port = HostPort.parsePort(portValue, "routes/route[@port] of " + domain.get(), portValue);
            routes.add(new StaticRoute(domain.get().toLowerCase(Locale.ROOT), new HostPort(host.get(), port)));
        }
        return routes.build();
    }

    private static boolean parseBoolean(HierarchicalConfiguration<ImmutableNode> config, String key, boolean defaultValue) throws ConfigurationException {
        String value = config.getString(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.trim());
        }
        throw new ConfigurationException(String.format("xmpp.xml: %s '%s' needs to be true or false", key.replace('.', '/'), value));
    }

    private static int parseSize(HierarchicalConfiguration<ImmutableNode> config, String key, int defaultValue) throws ConfigurationException {
        String value = config.getString(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Math.toIntExact(Size.parse(value.trim()).asBytes());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' is not a size (e.g. 512K, 1M, 65536)", key.replace('.', '/'), value));
        }
    }

    private static Duration parseDuration(HierarchicalConfiguration<ImmutableNode> config, String key, Duration defaultValue) throws ConfigurationException {
        String value = config.getString(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return DurationParser.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' is not a duration (e.g. 30s, 5m, 1h)", key.replace('.', '/'), value));
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "XmppConfiguration{enabled=" + enabled + ", binds=" + binds + ", tls=" + tls + ", routes=" + routes
            + ", maxStanzaSize=" + maxStanzaSize + ", dialbackSecret=" + dialbackSecret.map(s -> "***").orElse("generated")
            + ", idleTimeout=" + idleTimeout + "}";
    }
}
