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
import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.core.address.DomainNames;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.routing.DnsTimes;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.DialOutPolicy;
import org.jamesxmpp.core.s2s.InboundLimits;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.XmlLimits;
import org.jamesxmpp.core.s2s.dialback.SecretRotation;
import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.MemoryInboundDedupStore;
import org.jivesoftware.smack.packet.Message;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * The parsed content of {@code xmpp.xml}. Every setting has a default, so a missing or minimal file works;
 * an unknown element or a malformed value stops James at start with one line naming the setting.
 */
public record XmppConfiguration(boolean enabled,
                                List<HostPort> binds,
                                TlsConfiguration tls,
                                List<StaticRoute> routes,
                                int maxStanzaSize,
                                Optional<String> dialbackSecret,
                                Duration idleTimeout,
                                boolean streamManagement,
                                Set<Message.Type> acceptedTypes,
                                Duration dedupWindow,
                                int dedupMaxEntries,
                                Duration reconnectBackoff,
                                Duration reconnectBackoffCap,
                                Set<String> originalMimeFrom,
                                int maxPendingVerifications,
                                int maxPendingVerificationsPerStream,
                                int routeCacheSize,
                                InboundLimits inboundLimits,
                                MappingOptions mappingOptions,
                                Duration connectTimeout,
                                Duration responseTimeout,
                                int maxQueuedOutgoingStanzas,
                                WorkerPool inboundHandlers,
                                WorkerPool spoolWriters,
                                WorkerPool addressResolvers,
                                DeliveryLimits delivery,
                                DnsTimes dns,
                                LateErrorRetention lateErrors,
                                XmlLimits xmlLimits,
                                DialOutPolicy dialOut,
                                SecretRotation secretRotation) {

    public static final int DEFAULT_PORT = S2sRouter.DEFAULT_PORT;
    public static final HostPort DEFAULT_BIND = new HostPort("0.0.0.0", DEFAULT_PORT);
    public static final int DEFAULT_MAX_STANZA_SIZE = S2sSettings.DEFAULT_MAX_STANZA_SIZE;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Set<Message.Type> DEFAULT_ACCEPTED_TYPES = ImmutableSet.of(Message.Type.normal, Message.Type.chat, Message.Type.headline);
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_RECONNECT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_BACKOFF_CAP = Duration.ofMinutes(1);
    public static final WorkerPool DEFAULT_SPOOL_WRITERS = new WorkerPool(8, 10_000);

    private static final Set<String> KNOWN_KEYS = ImmutableSet.<String>builder().addAll(MappingConfiguration.KEYS)
        .addAll(LateErrorConfiguration.KEYS).addAll(LimitsConfiguration.KEYS).addAll(AttachmentsConfiguration.KEYS).addAll(LinkFetchConfiguration.KEYS).add(
        "[@enabled]",
        "listener", "listener.bind",
        "tls", "tls.keystore", "tls.keystoreType", "tls.secret", "tls.truststore", "tls.truststoreType",
        "tls.truststoreSecret", "tls.required", "tls.verifyCertificates", "tls.reloadInterval",
        "routes", "routes.route", "routes.route[@domain]", "routes.route[@host]", "routes.route[@port]",
        "limits", "limits.maxStanzaSize", "limits.maxPendingVerifications", "limits.maxPendingVerificationsPerStream",
        "limits.routeCacheSize", "limits.maxQueuedOutgoingStanzas",
        "dialback", "dialback.secret", "dialback.secretRotation", "dialback.secretGracePeriod",
        "streams", "streams.idleTimeout", "streams.streamManagement", "streams.reconnectBackoff", "streams.reconnectBackoffCap",
        "streams.connectTimeout", "streams.responseTimeout",
        "inbound", "inbound.acceptedTypes", "inbound.dedupWindow", "inbound.dedupMaxEntries", "inbound.originalMimeFrom", "inbound.handlerThreads",
        "inbound.maxQueuedStanzas", "inbound.spoolThreads", "inbound.maxQueuedMails").build();

    public static XmppConfiguration defaults() {
        return new XmppConfiguration(true, ImmutableList.of(DEFAULT_BIND), TlsConfiguration.disabled(), ImmutableList.of(),
            DEFAULT_MAX_STANZA_SIZE, Optional.empty(), DEFAULT_IDLE_TIMEOUT, true, DEFAULT_ACCEPTED_TYPES, DEFAULT_DEDUP_WINDOW,
            MemoryInboundDedupStore.DEFAULT_MAX_ENTRIES,
            DEFAULT_RECONNECT_BACKOFF, DEFAULT_RECONNECT_BACKOFF_CAP, ImmutableSet.of(),
            S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS, S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM,
            S2sSettings.DEFAULT_ROUTE_CACHE_SIZE, InboundLimits.defaults(), MappingOptions.defaults(),
            S2sSettings.DEFAULT_CONNECT_TIMEOUT, S2sSettings.DEFAULT_RESPONSE_TIMEOUT, S2sSettings.DEFAULT_MAX_QUEUED_STANZAS,
            S2sSettings.DEFAULT_INBOUND_HANDLERS, DEFAULT_SPOOL_WRITERS,
            S2sSettings.DEFAULT_ADDRESS_RESOLVERS, DeliveryLimits.defaults(), DnsTimes.defaults(),
            LateErrorRetention.defaults(), XmlLimits.DEFAULT, DialOutPolicy.defaults(), SecretRotation.defaults());
    }

    public static XmppConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        rejectUnknownKeys(config);
        ConfigurationValues values = new ConfigurationValues(config);
        Duration reconnectBackoff = values.duration("streams.reconnectBackoff", DEFAULT_RECONNECT_BACKOFF);
        Duration reconnectBackoffCap = values.duration("streams.reconnectBackoffCap", DEFAULT_RECONNECT_BACKOFF_CAP);
        if (reconnectBackoffCap.compareTo(reconnectBackoff) < 0) {
            throw new ConfigurationException(String.format("xmpp.xml: streams/reconnectBackoffCap '%s' is shorter than streams/reconnectBackoff '%s'",
                reconnectBackoffCap, reconnectBackoff));
        }
        Set<String> originalMimeFrom = parseOriginalMimeFrom(values);
        return new XmppConfiguration(
            values.bool("[@enabled]", true),
            parseBinds(values),
            parseTls(values),
            parseRoutes(config),
            values.size("limits.maxStanzaSize", DEFAULT_MAX_STANZA_SIZE),
            values.string("dialback.secret"),
            values.duration("streams.idleTimeout", DEFAULT_IDLE_TIMEOUT),
            values.bool("streams.streamManagement", true),
            parseAcceptedTypes(values),
            values.duration("inbound.dedupWindow", DEFAULT_DEDUP_WINDOW),
            values.positiveInt("inbound.dedupMaxEntries", MemoryInboundDedupStore.DEFAULT_MAX_ENTRIES),
            reconnectBackoff,
            reconnectBackoffCap,
            originalMimeFrom,
            values.positiveInt("limits.maxPendingVerifications", S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS),
            values.positiveInt("limits.maxPendingVerificationsPerStream", S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM),
            values.positiveInt("limits.routeCacheSize", S2sSettings.DEFAULT_ROUTE_CACHE_SIZE),
            LimitsConfiguration.inbound(values),
            MappingConfiguration.parse(values, originalMimeFrom),
            values.duration("streams.connectTimeout", S2sSettings.DEFAULT_CONNECT_TIMEOUT),
            values.duration("streams.responseTimeout", S2sSettings.DEFAULT_RESPONSE_TIMEOUT),
            values.positiveInt("limits.maxQueuedOutgoingStanzas", S2sSettings.DEFAULT_MAX_QUEUED_STANZAS),
            values.workerPool("inbound.handlerThreads", "inbound.maxQueuedStanzas", S2sSettings.DEFAULT_INBOUND_HANDLERS),
            values.workerPool("inbound.spoolThreads", "inbound.maxQueuedMails", DEFAULT_SPOOL_WRITERS),
            values.workerPool("dns.resolverThreads", "dns.maxQueuedResolutions", S2sSettings.DEFAULT_ADDRESS_RESOLVERS),
            LimitsConfiguration.delivery(values),
            LimitsConfiguration.dns(values),
            LateErrorConfiguration.parse(values),
            LimitsConfiguration.xml(values),
            LimitsConfiguration.dialOut(values),
            parseSecretRotation(values));
    }

    private static SecretRotation parseSecretRotation(ConfigurationValues values) throws ConfigurationException {
        Duration interval = values.duration("dialback.secretRotation", SecretRotation.DEFAULT_INTERVAL);
        Duration grace = values.duration("dialback.secretGracePeriod", SecretRotation.DEFAULT_GRACE_PERIOD);
        try {
            return new SecretRotation(interval, grace);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("xmpp.xml: dialback/secretRotation '" + interval
                + "', dialback/secretGracePeriod '" + grace + "': " + e.getMessage(), e);
        }
    }

    public XmppConfiguration {
        binds = ImmutableList.copyOf(binds);
        routes = ImmutableList.copyOf(routes);
        acceptedTypes = ImmutableSet.copyOf(acceptedTypes);
        originalMimeFrom = ImmutableSet.copyOf(originalMimeFrom);
    }

    private static void rejectUnknownKeys(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        Iterator<String> keys = config.getKeys();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!KNOWN_KEYS.contains(key) && !C2sConfiguration.owns(key)) {
                throw new ConfigurationException(String.format("xmpp.xml: unknown setting '%s'", ConfigurationValues.display(key)));
            }
        }
    }

    private static List<HostPort> parseBinds(ConfigurationValues values) throws ConfigurationException {
        List<String> binds = values.list("listener.bind");
        if (binds.isEmpty()) {
            return ImmutableList.of(DEFAULT_BIND);
        }
        ImmutableList.Builder<HostPort> parsed = ImmutableList.builder();
        for (String value : binds) {
            parsed.add(HostPort.parse(value, "listener/bind"));
        }
        return parsed.build();
    }

    private static TlsConfiguration parseTls(ConfigurationValues values) throws ConfigurationException {
        Optional<String> keystore = values.string("tls.keystore");
        boolean required = values.bool("tls.required", false);
        if (required && keystore.isEmpty()) {
            throw new ConfigurationException("xmpp.xml: tls/required is true but no tls/keystore is set");
        }
        return new TlsConfiguration(keystore,
            values.string("tls.keystoreType").orElse(TlsConfiguration.DEFAULT_STORE_TYPE),
            values.string("tls.secret"),
            values.string("tls.truststore"),
            values.string("tls.truststoreType").orElse(TlsConfiguration.DEFAULT_STORE_TYPE),
            values.string("tls.truststoreSecret"),
            required,
            values.bool("tls.verifyCertificates", true),
            values.duration("tls.reloadInterval", TlsConfiguration.DEFAULT_RELOAD_INTERVAL));
    }

    private static List<StaticRoute> parseRoutes(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        ImmutableList.Builder<StaticRoute> routes = ImmutableList.builder();
        for (HierarchicalConfiguration<ImmutableNode> route : config.configurationsAt("routes.route")) {
            ConfigurationValues values = new ConfigurationValues(route);
            Optional<String> domain = values.string("[@domain]");
            Optional<String> host = values.string("[@host]");
            if (domain.isEmpty() || host.isEmpty()) {
                throw new ConfigurationException("xmpp.xml: routes/route needs both 'domain' and 'host' attributes");
            }
            String portValue = values.string("[@port]").orElse(String.valueOf(DEFAULT_PORT));
            int port = HostPort.parsePort(portValue, "routes/route[@port] of " + domain.get(), portValue);
            if (port == 0) {
                throw new ConfigurationException("xmpp.xml: routes/route[@port] of " + domain.get() + " must not be 0");
            }
            routes.add(new StaticRoute(domain.get(), host.get(), port));
        }
        return routes.build();
    }

    private static Set<String> parseOriginalMimeFrom(ConfigurationValues values) throws ConfigurationException {
        ImmutableSet.Builder<String> domains = ImmutableSet.builder();
        for (String domain : values.string("inbound.originalMimeFrom").orElse("").split("[,\\s]+")) {
            if (domain.isBlank()) {
                continue;
            }
            if (!DomainNames.isRemoteDomainName(domain)) {
                throw new ConfigurationException(String.format("xmpp.xml: inbound/originalMimeFrom '%s' is not a domain name", domain));
            }
            domains.add(domain.toLowerCase(Locale.ROOT));
        }
        return domains.build();
    }

    private static Set<Message.Type> parseAcceptedTypes(ConfigurationValues values) throws ConfigurationException {
        Optional<String> value = values.string("inbound.acceptedTypes");
        if (value.isEmpty()) {
            return DEFAULT_ACCEPTED_TYPES;
        }
        ImmutableSet.Builder<Message.Type> types = ImmutableSet.builder();
        for (String type : value.get().split("[,\\s]+")) {
            if (type.isBlank()) {
                continue;
            }
            if (!DEFAULT_ACCEPTED_TYPES.stream().map(Message.Type::name).toList().contains(type.trim())) {
                throw new ConfigurationException(String.format(
                    "xmpp.xml: inbound/acceptedTypes '%s' is not one of normal, chat, headline", type.trim()));
            }
            types.add(Message.Type.valueOf(type.trim()));
        }
        return types.build();
    }

    @Override
    public String toString() {
        return "XmppConfiguration{enabled=" + enabled + ", binds=" + binds + ", tls=" + tls + ", routes=" + routes
            + ", maxStanzaSize=" + maxStanzaSize + ", dialbackSecret=" + dialbackSecret.map(s -> "***").orElse("generated")
            + ", idleTimeout=" + idleTimeout + ", streamManagement=" + streamManagement
            + ", acceptedTypes=" + acceptedTypes + ", dedupWindow=" + dedupWindow + ", dedupMaxEntries=" + dedupMaxEntries
            + ", reconnectBackoff=" + reconnectBackoff + ", reconnectBackoffCap=" + reconnectBackoffCap
            + ", originalMimeFrom=" + originalMimeFrom + ", maxPendingVerifications=" + maxPendingVerifications
            + ", maxPendingVerificationsPerStream=" + maxPendingVerificationsPerStream + ", routeCacheSize=" + routeCacheSize
            + ", inboundLimits=" + inboundLimits + ", mappingOptions=" + mappingOptions + ", connectTimeout=" + connectTimeout
            + ", responseTimeout=" + responseTimeout + ", maxQueuedOutgoingStanzas=" + maxQueuedOutgoingStanzas
            + ", inboundHandlers=" + inboundHandlers + ", spoolWriters=" + spoolWriters + ", addressResolvers=" + addressResolvers
            + ", delivery=" + delivery + ", dns=" + dns + ", lateErrors=" + lateErrors + ", dialOut=" + dialOut
            + ", secretRotation=" + secretRotation + "}";
    }
}
