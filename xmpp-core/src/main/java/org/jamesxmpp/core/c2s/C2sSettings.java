package org.jamesxmpp.core.c2s;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jamesxmpp.core.WorkerPool;
import org.jamesxmpp.core.s2s.codec.XmlLimits;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Everything the client listener needs to know, immutable.
 *
 * @param bindAddresses where clients connect; empty means no listener
 * @param tls our certificate for STARTTLS, loaded once at start-up; empty means no STARTTLS (then {@code tlsRequired}
 *     must be false)
 * @param tlsRequired no authentication (and nothing else) before STARTTLS
 * @param limits what one client, or all of them, may take
 * @param xmlLimits the shape of XML a client may send (the s2s listener's, {@code xmpp.xml}'s {@code limits/*})
 * @param domainLookups where the stream header's {@code to} is looked up in James's domain list (it may block: a
 *     database, LDAP), off the event loops; a stream beyond its queue ends with {@code resource-constraint}
 * @param directTlsAddresses where clients connect with TLS from the first byte (XEP-0368), with the certificate of
 *     {@code tls}; empty means none
 */
public record C2sSettings(List<InetSocketAddress> bindAddresses,
                          Optional<TlsContexts> tls,
                          boolean tlsRequired,
                          C2sLimits limits,
                          XmlLimits xmlLimits,
                          WorkerPool domainLookups,
                          List<InetSocketAddress> directTlsAddresses) {
    public static final int DEFAULT_PORT = 5222;
    public static final WorkerPool DEFAULT_DOMAIN_LOOKUPS = new WorkerPool(2, 1_000);

    public C2sSettings {
        bindAddresses = ImmutableList.copyOf(bindAddresses);
        directTlsAddresses = ImmutableList.copyOf(directTlsAddresses);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(xmlLimits, "xmlLimits");
        Objects.requireNonNull(domainLookups, "domainLookups");
        Preconditions.checkArgument(!tlsRequired || tls.isPresent(), "TLS is required but no keystore is configured");
        Preconditions.checkArgument(directTlsAddresses.isEmpty() || tls.isPresent(), "direct TLS needs a keystore");
    }

    /** Without direct TLS. */
    public C2sSettings(List<InetSocketAddress> bindAddresses, Optional<TlsContexts> tls, boolean tlsRequired, C2sLimits limits,
                       XmlLimits xmlLimits, WorkerPool domainLookups) {
        this(bindAddresses, tls, tlsRequired, limits, xmlLimits, domainLookups, ImmutableList.of());
    }

    public C2sSettings(List<InetSocketAddress> bindAddresses, Optional<TlsContexts> tls, boolean tlsRequired, C2sLimits limits) {
        this(bindAddresses, tls, tlsRequired, limits, XmlLimits.DEFAULT, DEFAULT_DOMAIN_LOOKUPS, ImmutableList.of());
    }
}
