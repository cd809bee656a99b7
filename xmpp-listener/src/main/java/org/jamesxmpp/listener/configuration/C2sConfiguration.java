package org.jamesxmpp.listener.configuration;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.core.c2s.C2sLimits;
import org.jamesxmpp.core.c2s.C2sSettings;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * {@code <c2s>} of {@code xmpp.xml}: the client listener. Absent means the defaults (enabled on {@code 0.0.0.0:5222},
 * STARTTLS required). Without {@code c2s/tls/keystore} the certificate is {@code tls/keystore} of the file, else the
 * bundled {@code conf/keystore} that submission and IMAP use.
 *
 * @param maxRosterItems items of one user's roster (listed or remembered requests), also the directed presences one
 *     resource is remembered to have sent
 * @param directTlsBinds {@code c2s/directTls/bind}: where clients connect with TLS from the first byte (XEP-0368, usually
 *     port 5223); absent means none
 */
public record C2sConfiguration(boolean enabled,
                               List<HostPort> binds,
                               boolean tlsRequired,
                               Optional<String> keystore,
                               String keystoreType,
                               Optional<String> secret,
                               C2sLimits limits,
                               int maxRosterItems,
                               WorkerPool authenticators,
                               WorkerPool domainLookups,
                               List<HostPort> directTlsBinds) {
    /** The password check is a deliberately slow hash: a few threads, a bounded wait. */
    public static final WorkerPool DEFAULT_AUTHENTICATORS = new WorkerPool(4, 1_000);
    public static final HostPort DEFAULT_BIND = new HostPort("0.0.0.0", C2sSettings.DEFAULT_PORT);
    public static final String BUNDLED_KEYSTORE = "file://conf/keystore";
    public static final String BUNDLED_KEYSTORE_SECRET = "james-xmpp";
    public static final int DEFAULT_MAX_ROSTER_ITEMS = 1_000;

    private static final String PREFIX = "c2s";
    private static final Set<String> KNOWN_KEYS = ImmutableSet.of(
        "c2s", "c2s[@enabled]", "c2s.bind", "c2s.directTls", "c2s.directTls.bind",
        "c2s.tls", "c2s.tls.required", "c2s.tls.keystore", "c2s.tls.keystoreType", "c2s.tls.secret",
        "c2s.limits", "c2s.limits.maxStanzaSize", "c2s.limits.authenticationTimeout", "c2s.limits.maxAuthenticationFailures",
        "c2s.limits.failureDelay", "c2s.limits.maxConnections", "c2s.limits.maxResourcesPerUser", "c2s.limits.maxRosterItems",
        "c2s.limits.authenticationThreads", "c2s.limits.maxQueuedAuthentications",
        "c2s.limits.domainLookupThreads", "c2s.limits.maxQueuedDomainLookups",
        "c2s.limits.maxUnacknowledgedStanzas",
        "c2s.streams", "c2s.streams.idleTimeout", "c2s.streams.resumptionTimeout", MailPushConfiguration.KEY,
        SaslConfiguration.SASL, AdminConfiguration.ADMINS, AdminConfiguration.ADMIN,
        SaslConfiguration.SCRAM_SHA_512);

    public C2sConfiguration {
        binds = ImmutableList.copyOf(binds);
        directTlsBinds = ImmutableList.copyOf(directTlsBinds);
    }

    /** Without direct TLS. */
    public C2sConfiguration(boolean enabled, List<HostPort> binds, boolean tlsRequired, Optional<String> keystore,
                            String keystoreType, Optional<String> secret, C2sLimits limits, int maxRosterItems,
                            WorkerPool authenticators, WorkerPool domainLookups) {
        this(enabled, binds, tlsRequired, keystore, keystoreType, secret, limits, maxRosterItems, authenticators,
            domainLookups, ImmutableList.of());
    }

    public static C2sConfiguration defaults() {
        return new C2sConfiguration(true, ImmutableList.of(DEFAULT_BIND), true, Optional.empty(),
            TlsConfiguration.DEFAULT_STORE_TYPE, Optional.empty(), C2sLimits.defaults(), DEFAULT_MAX_ROSTER_ITEMS,
            DEFAULT_AUTHENTICATORS,
            C2sSettings.DEFAULT_DOMAIN_LOOKUPS);
    }

    /** Whether {@code key} of xmpp.xml belongs to this section (then {@link #from} checks it). */
    static boolean owns(String key) {
        return key.equals(PREFIX) || key.startsWith(PREFIX + ".") || key.startsWith(PREFIX + "[");
    }

    public static C2sConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        Iterator<String> keys = config.getKeys();
        while (keys.hasNext()) {
            String key = keys.next();
            if (owns(key) && !KNOWN_KEYS.contains(key)) {
                throw new ConfigurationException(String.format("xmpp.xml: unknown setting '%s'", ConfigurationValues.display(key)));
            }
        }
        ConfigurationValues values = new ConfigurationValues(config);
        return new C2sConfiguration(
            values.bool("c2s[@enabled]", true),
            binds(values),
            values.bool("c2s.tls.required", true),
            values.string("c2s.tls.keystore"),
            values.string("c2s.tls.keystoreType").orElse(TlsConfiguration.DEFAULT_STORE_TYPE),
            values.string("c2s.tls.secret"),
            new C2sLimits(
                values.size("c2s.limits.maxStanzaSize", C2sLimits.DEFAULT_MAX_STANZA_SIZE),
                values.duration("c2s.streams.idleTimeout", C2sLimits.DEFAULT_IDLE_TIMEOUT),
                values.duration("c2s.limits.authenticationTimeout", C2sLimits.DEFAULT_AUTHENTICATION_TIMEOUT),
                values.positiveInt("c2s.limits.maxAuthenticationFailures", C2sLimits.DEFAULT_MAX_AUTHENTICATION_FAILURES),
                values.duration("c2s.limits.failureDelay", C2sLimits.DEFAULT_FAILURE_DELAY),
                values.positiveInt("c2s.limits.maxConnections", C2sLimits.DEFAULT_MAX_CONNECTIONS),
                values.positiveInt("c2s.limits.maxResourcesPerUser", C2sLimits.DEFAULT_MAX_RESOURCES_PER_USER),
                values.positiveInt("c2s.limits.maxUnacknowledgedStanzas", C2sLimits.DEFAULT_MAX_UNACKNOWLEDGED_STANZAS),
                values.durationOrZero("c2s.streams.resumptionTimeout", C2sLimits.DEFAULT_RESUMPTION_TIMEOUT)),
            values.positiveInt("c2s.limits.maxRosterItems", DEFAULT_MAX_ROSTER_ITEMS),
            values.workerPool("c2s.limits.authenticationThreads", "c2s.limits.maxQueuedAuthentications",
                DEFAULT_AUTHENTICATORS),
            values.workerPool("c2s.limits.domainLookupThreads", "c2s.limits.maxQueuedDomainLookups",
                C2sSettings.DEFAULT_DOMAIN_LOOKUPS),
            hostPorts(values, "c2s.directTls.bind"));
    }

    private static List<HostPort> binds(ConfigurationValues values) throws ConfigurationException {
        List<HostPort> binds = hostPorts(values, "c2s.bind");
        return binds.isEmpty() ? ImmutableList.of(DEFAULT_BIND) : binds;
    }

    private static List<HostPort> hostPorts(ConfigurationValues values, String key) throws ConfigurationException {
        ImmutableList.Builder<HostPort> parsed = ImmutableList.builder();
        for (String value : values.list(key)) {
            parsed.add(HostPort.parse(value, key.replace('.', '/')));
        }
        return parsed.build();
    }

    @Override
    public String toString() {
        return "C2sConfiguration{enabled=" + enabled + ", binds=" + binds + ", directTlsBinds=" + directTlsBinds
            + ", tlsRequired=" + tlsRequired
            + ", keystore=" + keystore + ", keystoreType=" + keystoreType + ", limits=" + limits
            + ", maxRosterItems=" + maxRosterItems
            + ", authenticators=" + authenticators + ", domainLookups=" + domainLookups + "}";
    }
}
