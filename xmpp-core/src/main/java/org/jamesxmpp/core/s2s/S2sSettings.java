package org.jamesxmpp.core.s2s;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.core.routing.DnsTimes;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.codec.XmlLimits;
import org.jamesxmpp.core.s2s.dialback.SecretRotation;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Everything the s2s engine needs to know, immutable.
 *
 * @param bindAddresses where incoming streams are accepted; empty means no listener
 * @param tls the TLS key and trust material, loaded once at start-up and shared by every stream (and by the client
 *     listener when it uses the same keystore); empty means no STARTTLS (neither offered nor used)
 * @param maxStanzaSize largest top-level element accepted from a peer, in bytes
 *     (over it: {@code policy-violation})
 * @param connectTimeout TCP connect timeout of outgoing streams
 * @param responseTimeout how long a peer may take to answer a step of the negotiation
 *     (stream header, features, dialback) or to acknowledge stanzas (XEP-0198 {@code <r/>}, or
 *     the XEP-0199 ping sent to peers without it) before the stream is given up
 * @param idleTimeout a stream without traffic for this long is closed
 * @param maxQueuedStanzas per outgoing stream, stanzas waiting for the stream beyond this are refused
 * @param staticRoutes routes used before DNS
 * @param dialbackSecret configured dialback secret; empty means generated once and kept in the
 *     {@link org.jamesxmpp.core.store.DialbackSecretStore}
 * @param streamManagement offer and use XEP-0198
 * @param reconnectBackoffBase after a failed connection attempt to a remote domain, sends to it fail
 *     at once for this long; doubled for each further failure in a row
 * @param reconnectBackoffCap the longest such wait
 * @param maxPendingVerifications dialback verifications (connections we open to check a key given on an incoming
 *     stream) waiting for an answer, in total; beyond it an unauthenticated stream gets {@code resource-constraint}
 * @param maxPendingVerificationsPerStream the same on one incoming stream; beyond it: {@code policy-violation}
 * @param routeCacheSize remote domains whose route (DNS answer) is remembered; the least recently used is forgotten
 * @param dns how long DNS answers are waited for and remembered
 * @param inboundLimits what peers may take of the listener: connections, streams per domain, rate, deadlines, memory
 * @param inboundHandlers where incoming stanzas are handled (domain and user lookups, mapping, spooling may block),
 *     not on the event loops; a stanza beyond its queue ends its stream with {@code resource-constraint}
 * @param addressResolvers where the host names of outgoing routes are resolved (blocking lookups, off the event loops);
 *     a name beyond its queue counts as one that does not resolve
 * @param xmlLimits the shape of XML a peer may send on our streams, either way
 * @param dialOut what a peer's claim may make us connect to: backoff of unreachable claimed domains, private
 *     addresses from DNS
 * @param secretRotation how the generated dialback secret is rotated (not a configured one)
 */
public record S2sSettings(List<InetSocketAddress> bindAddresses,
                          Optional<TlsContexts> tls,
                          int maxStanzaSize,
                          Duration connectTimeout,
                          Duration responseTimeout,
                          Duration idleTimeout,
                          int maxQueuedStanzas,
                          List<StaticRoute> staticRoutes,
                          Optional<String> dialbackSecret,
                          boolean streamManagement,
                          Duration reconnectBackoffBase,
                          Duration reconnectBackoffCap,
                          int maxPendingVerifications,
                          int maxPendingVerificationsPerStream,
                          int routeCacheSize,
                          DnsTimes dns,
                          InboundLimits inboundLimits,
                          WorkerPool inboundHandlers,
                          WorkerPool addressResolvers,
                          XmlLimits xmlLimits,
                          DialOutPolicy dialOut,
                          SecretRotation secretRotation) {
    public static final int DEFAULT_MAX_STANZA_SIZE = 512 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_QUEUED_STANZAS = 10_000;
    /** Bounded anyway by the in-flight limits of the streams. */
    public static final WorkerPool DEFAULT_INBOUND_HANDLERS = new WorkerPool(16, 100_000);
    public static final WorkerPool DEFAULT_ADDRESS_RESOLVERS = new WorkerPool(2, 10_000);
    public static final int DEFAULT_MAX_PENDING_VERIFICATIONS = 100;
    public static final int DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM = 5;
    public static final int DEFAULT_ROUTE_CACHE_SIZE = S2sRouter.DEFAULT_MAX_CACHED_DOMAINS;

    public S2sSettings {
        bindAddresses = ImmutableList.copyOf(bindAddresses);
        staticRoutes = ImmutableList.copyOf(staticRoutes);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(dialbackSecret, "dialbackSecret");
        Objects.requireNonNull(inboundLimits, "inboundLimits");
        Objects.requireNonNull(inboundHandlers, "inboundHandlers");
        Objects.requireNonNull(addressResolvers, "addressResolvers");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(xmlLimits, "xmlLimits");
        Objects.requireNonNull(dialOut, "dialOut");
        Objects.requireNonNull(secretRotation, "secretRotation");
        Preconditions.checkArgument(maxStanzaSize > 0, "maxStanzaSize must be positive: %s", maxStanzaSize);
        Preconditions.checkArgument(maxQueuedStanzas > 0, "maxQueuedStanzas must be positive: %s", maxQueuedStanzas);
        Preconditions.checkArgument(maxPendingVerifications > 0, "maxPendingVerifications must be positive: %s",
            maxPendingVerifications);
        Preconditions.checkArgument(maxPendingVerificationsPerStream > 0, "maxPendingVerificationsPerStream must be positive: %s",
            maxPendingVerificationsPerStream);
        Preconditions.checkArgument(routeCacheSize > 0, "routeCacheSize must be positive: %s", routeCacheSize);
        Preconditions.checkArgument(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive");
        Preconditions.checkArgument(!responseTimeout.isNegative() && !responseTimeout.isZero(), "responseTimeout must be positive");
        Preconditions.checkArgument(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout must be positive");
        Preconditions.checkArgument(!reconnectBackoffBase.isNegative(), "reconnectBackoffBase must not be negative");
        Preconditions.checkArgument(reconnectBackoffCap.compareTo(reconnectBackoffBase) >= 0,
            "reconnectBackoffCap (%s) must not be shorter than reconnectBackoffBase (%s)", reconnectBackoffCap,
            reconnectBackoffBase);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "S2sSettings[bindAddresses=" + bindAddresses + ", tls=" + tls.map(any -> "loaded").orElse("none")
            + ", maxStanzaSize=" + maxStanzaSize
            + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
            + ", idleTimeout=" + idleTimeout
            + ", maxQueuedStanzas=" + maxQueuedStanzas + ", staticRoutes=" + staticRoutes
            + ", dialbackSecret=" + dialbackSecret.map(any -> "***").orElse("generated")
            + ", streamManagement=" + streamManagement + ", reconnectBackoffBase=" + reconnectBackoffBase
            + ", reconnectBackoffCap=" + reconnectBackoffCap + ", maxPendingVerifications=" + maxPendingVerifications
            + ", maxPendingVerificationsPerStream=" + maxPendingVerificationsPerStream + ", routeCacheSize=" + routeCacheSize
            + ", dns=" + dns
            + ", inboundLimits=" + inboundLimits + ", inboundHandlers=" + inboundHandlers
            + ", addressResolvers=" + addressResolvers + ", xmlLimits=" + xmlLimits + ", dialOut=" + dialOut
            + ", secretRotation=" + secretRotation + "]";
    }

    public static class Builder {
        private final ImmutableList.Builder<InetSocketAddress> bindAddresses = ImmutableList.builder();
        private final ImmutableList.Builder<StaticRoute> staticRoutes = ImmutableList.builder();
        private Optional<TlsContexts> tls = Optional.empty();
        private int maxStanzaSize = DEFAULT_MAX_STANZA_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private int maxQueuedStanzas = DEFAULT_MAX_QUEUED_STANZAS;
        private Optional<String> dialbackSecret = Optional.empty();
        private boolean streamManagement = true;
        private Duration reconnectBackoffBase = Duration.ofSeconds(1);
        private Duration reconnectBackoffCap = Duration.ofSeconds(60);
        private int maxPendingVerifications = DEFAULT_MAX_PENDING_VERIFICATIONS;
        private int maxPendingVerificationsPerStream = DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM;
        private int routeCacheSize = DEFAULT_ROUTE_CACHE_SIZE;
        private DnsTimes dns = DnsTimes.defaults();
        private InboundLimits inboundLimits = InboundLimits.defaults();
        private WorkerPool inboundHandlers = DEFAULT_INBOUND_HANDLERS;
        private WorkerPool addressResolvers = DEFAULT_ADDRESS_RESOLVERS;
        private XmlLimits xmlLimits = XmlLimits.DEFAULT;
        private DialOutPolicy dialOut = DialOutPolicy.defaults();
        private SecretRotation secretRotation = SecretRotation.defaults();

        public Builder bind(InetSocketAddress address) {
            bindAddresses.add(address);
            return this;
        }

        public Builder tls(TlsContexts tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        public Builder maxStanzaSize(int maxStanzaSize) {
            this.maxStanzaSize = maxStanzaSize;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder maxQueuedStanzas(int maxQueuedStanzas) {
            this.maxQueuedStanzas = maxQueuedStanzas;
            return this;
        }

        public Builder route(StaticRoute route) {
            staticRoutes.add(route);
            return this;
        }

        public Builder dialbackSecret(String secret) {
            this.dialbackSecret = Optional.of(secret);
            return this;
        }

        public Builder streamManagement(boolean streamManagement) {
            this.streamManagement = streamManagement;
            return this;
        }

        /** Zero base and cap turn the backoff off: every send tries to connect. */
        public Builder reconnectBackoff(Duration base, Duration cap) {
            this.reconnectBackoffBase = base;
            this.reconnectBackoffCap = cap;
            return this;
        }

        public Builder maxPendingVerifications(int total, int perStream) {
            this.maxPendingVerifications = total;
            this.maxPendingVerificationsPerStream = perStream;
            return this;
        }

        public Builder routeCacheSize(int routeCacheSize) {
            this.routeCacheSize = routeCacheSize;
            return this;
        }

        public Builder dns(DnsTimes dns) {
            this.dns = dns;
            return this;
        }

        public Builder inboundLimits(InboundLimits inboundLimits) {
            this.inboundLimits = inboundLimits;
            return this;
        }

        public Builder inboundHandlers(WorkerPool inboundHandlers) {
            this.inboundHandlers = inboundHandlers;
            return this;
        }

        public Builder addressResolvers(WorkerPool addressResolvers) {
            this.addressResolvers = addressResolvers;
            return this;
        }

        public Builder xmlLimits(XmlLimits xmlLimits) {
            this.xmlLimits = xmlLimits;
            return this;
        }

        public Builder dialOut(DialOutPolicy dialOut) {
            this.dialOut = dialOut;
            return this;
        }

        public Builder secretRotation(SecretRotation secretRotation) {
            this.secretRotation = secretRotation;
            return this;
        }

        public S2sSettings build() {
            return new S2sSettings(bindAddresses.build(), tls, maxStanzaSize, connectTimeout, responseTimeout,
                idleTimeout, maxQueuedStanzas, staticRoutes.build(), dialbackSecret,
                streamManagement, reconnectBackoffBase, reconnectBackoffCap, maxPendingVerifications,
                maxPendingVerificationsPerStream, routeCacheSize, dns, inboundLimits, inboundHandlers,
                addressResolvers, xmlLimits, dialOut, secretRotation);
        }
    }
}
