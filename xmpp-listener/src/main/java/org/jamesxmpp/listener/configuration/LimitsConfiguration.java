package org.jamesxmpp.listener.configuration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.routing.AddressNetwork;
import org.jamesxmpp.core.routing.DnsTimes;
import org.jamesxmpp.core.s2s.DialOutPolicy;
import org.jamesxmpp.core.s2s.InboundLimits;
import org.jamesxmpp.core.s2s.codec.XmlLimits;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.net.InetAddresses;

/**
 * The bounds of {@code xmpp.xml} that go in one value each: what peers may take inbound, the shape of their XML, the
 * delivery mailet, DNS, what a peer's claim may make us dial.
 */
final class LimitsConfiguration {
    static final Set<String> KEYS = ImmutableSet.of(
        "limits.maxConnections", "limits.maxConnectionsPerAddress", "limits.maxStreamsPerDomain", "limits.stanzaDeadline",
        "limits.maxBytesPerSecond", "limits.maxInFlightBytes", "limits.maxInFlightStanzas",
        "limits.maxStreamHeaderSize", "limits.maxElementDepth", "limits.maxAttributes",
        "delivery", "delivery.lateErrorContentBudget", "delivery.concurrency", "delivery.maxReturnedMessageSize",
        "delivery.multicast", "delivery.multicastDiscoveryTtl", "delivery.multicastDiscoveryDomains",
        "dns", "dns.lookupTimeout", "dns.maxCacheTtl", "dns.negativeCacheTtl", "dns.resolverThreads", "dns.maxQueuedResolutions",
        "dns.server", "dns.allowedPrivateNetworks", "dialback.verificationBackoff", "dialback.verificationBackoffCap",
        "dialback.maxBackoffDomains");

    private LimitsConfiguration() {
    }

    static InboundLimits inbound(ConfigurationValues values) throws ConfigurationException {
        return new InboundLimits(
            values.positiveInt("limits.maxConnections", InboundLimits.DEFAULT_MAX_CONNECTIONS),
            values.positiveInt("limits.maxConnectionsPerAddress", InboundLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
            values.positiveInt("limits.maxStreamsPerDomain", InboundLimits.DEFAULT_MAX_STREAMS_PER_DOMAIN),
            values.duration("limits.stanzaDeadline", InboundLimits.DEFAULT_STANZA_DEADLINE),
            values.size("limits.maxBytesPerSecond", Math.toIntExact(InboundLimits.DEFAULT_MAX_BYTES_PER_SECOND)),
            values.size("limits.maxInFlightBytes", Math.toIntExact(InboundLimits.DEFAULT_MAX_IN_FLIGHT_BYTES)),
            values.positiveInt("limits.maxInFlightStanzas", InboundLimits.DEFAULT_MAX_IN_FLIGHT_STANZAS));
    }

    static XmlLimits xml(ConfigurationValues values) throws ConfigurationException {
        return new XmlLimits(
            values.size("limits.maxStreamHeaderSize", XmlLimits.DEFAULT_MAX_HEADER_SIZE, XmlLimits.MIN_HEADER_SIZE),
            values.positiveInt("limits.maxElementDepth", XmlLimits.DEFAULT_MAX_DEPTH, XmlLimits.MIN_DEPTH),
            values.positiveInt("limits.maxAttributes", XmlLimits.DEFAULT_MAX_ATTRIBUTES, XmlLimits.MIN_ATTRIBUTES));
    }

    static DeliveryLimits delivery(ConfigurationValues values) throws ConfigurationException {
        return new DeliveryLimits(
            values.size("delivery.lateErrorContentBudget", Math.toIntExact(DeliveryLimits.DEFAULT_LATE_ERROR_CONTENT_BUDGET)),
            values.positiveInt("delivery.concurrency", DeliveryLimits.DEFAULT_CONCURRENCY),
            values.size("delivery.maxReturnedMessageSize", Math.toIntExact(DeliveryLimits.DEFAULT_MAX_RETURNED_MESSAGE_SIZE)),
            values.bool("delivery.multicast", true),
            values.duration("delivery.multicastDiscoveryTtl", DeliveryLimits.DEFAULT_MULTICAST_DISCOVERY_TTL),
            values.positiveInt("delivery.multicastDiscoveryDomains", DeliveryLimits.DEFAULT_MULTICAST_DISCOVERY_DOMAINS));
    }

    static DnsTimes dns(ConfigurationValues values) throws ConfigurationException {
        return new DnsTimes(values.duration("dns.lookupTimeout", DnsTimes.DEFAULT_LOOKUP_TIMEOUT),
            values.duration("dns.maxCacheTtl", DnsTimes.DEFAULT_MAX_CACHE_TTL),
            values.duration("dns.negativeCacheTtl", DnsTimes.DEFAULT_NEGATIVE_CACHE_TTL),
            dnsServers(values));
    }

    private static List<InetSocketAddress> dnsServers(ConfigurationValues values) throws ConfigurationException {
        ImmutableList.Builder<InetSocketAddress> servers = ImmutableList.builder();
        for (String value : values.list("dns.server")) {
            HostPort server = HostPort.parse(value, "dns/server");
            if (!InetAddresses.isInetAddress(server.host())) {
                throw new ConfigurationException(String.format("xmpp.xml: dns/server '%s' is not an IP address:port", value));
            }
            servers.add(new InetSocketAddress(InetAddresses.forString(server.host()), server.port()));
        }
        return servers.build();
    }

    static DialOutPolicy dialOut(ConfigurationValues values) throws ConfigurationException {
        Duration backoff = values.duration("dialback.verificationBackoff", DialOutPolicy.DEFAULT_VERIFICATION_BACKOFF);
        Duration cap = values.duration("dialback.verificationBackoffCap", DialOutPolicy.DEFAULT_VERIFICATION_BACKOFF_CAP);
        if (cap.compareTo(backoff) < 0) {
            throw new ConfigurationException(String.format(
                "xmpp.xml: dialback/verificationBackoffCap '%s' is shorter than dialback/verificationBackoff '%s'", cap, backoff));
        }
        return new DialOutPolicy(backoff, cap,
            values.positiveInt("dialback.maxBackoffDomains", DialOutPolicy.DEFAULT_MAX_BACKOFF_DOMAINS),
            allowedPrivateNetworks(values));
    }

    private static List<AddressNetwork> allowedPrivateNetworks(ConfigurationValues values) throws ConfigurationException {
        ImmutableList.Builder<AddressNetwork> networks = ImmutableList.builder();
        for (String network : values.string("dns.allowedPrivateNetworks").orElse("").split("[,\\s]+")) {
            if (network.isBlank()) {
                continue;
            }
            try {
                networks.add(AddressNetwork.parse(network));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(String.format(
                    "xmpp.xml: dns/allowedPrivateNetworks '%s' is not an IP network (e.g. 10.0.0.0/8, fd00::/8)", network));
            }
        }
        return networks.build();
    }
}
