package org.jamesxmpp.core.s2s.tls;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The identities a certificate presents for XMPP (RFC 6125 6, RFC 6120 13.7.1.2 and 13.7.1.4, RFC 7590) and whether
 * they name an XMPP server domain. A certificate names domain D when it has
 * <ul>
 * <li>a DNS-ID equal to D, or {@code *.parent} with D one label under {@code parent} (the wildcard only as the whole
 *     left-most label, and not directly under a top-level domain);</li>
 * <li>an SRV-ID {@code _xmpp-server.D} (id-on-dnsSRV, RFC 4985): {@code _xmpp-client} names a client service and
 *     never counts for a server;</li>
 * <li>an XmppAddr {@code D} (id-on-xmppAddr): a bare domain, no local part, no resource;</li>
 * <li>only when it has none of these three: a subject common name equal to D (RFC 6125 6.4.4, as the JDK's host name
 *     check did for outgoing streams).</li>
 * </ul>
 * Comparisons are on A-labels, case-insensitive.
 */
public record PeerCertificateNames(List<String> dnsIds, List<String> srvIds, List<String> xmppAddrs,
                                   List<String> commonNames) {
    public static final String SERVER_SERVICE = "_xmpp-server";
    private static final int OTHER_NAME = 0;
    private static final int DNS_NAME = 2;

    public PeerCertificateNames {
        dnsIds = List.copyOf(dnsIds);
        srvIds = List.copyOf(srvIds);
        xmppAddrs = List.copyOf(xmppAddrs);
        commonNames = List.copyOf(commonNames);
    }

    public static PeerCertificateNames of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> srv = new ArrayList<>();
        List<String> xmpp = new ArrayList<>();
        for (List<?> entry : alternativeNames(certificate)) {
            if (entry.size() < 2) {
                continue;
            }
            if (Integer.valueOf(DNS_NAME).equals(entry.get(0)) && entry.get(1) instanceof String name) {
                dns.add(name);
            } else if (Integer.valueOf(OTHER_NAME).equals(entry.get(0)) && entry.get(1) instanceof byte[] der) {
                OtherName.decode(der).ifPresent(other -> (other.kind() == OtherName.Kind.XMPP_ADDR ? xmpp : srv)
                    .add(other.value()));
            }
        }
        return new PeerCertificateNames(dns, srv, xmpp, commonNames(certificate));
    }

    /** Whether these identities name the XMPP server of {@code domain}. */
    public boolean namesServer(String domain) {
        Optional<String> reference = aLabel(domain);
        if (reference.isEmpty()) {
            return false;
        }
        String d = reference.get();
        boolean named = dnsIds.stream().anyMatch(id -> dnsIdMatches(id, d))
            || srvIds.stream().anyMatch(id -> aLabel(id).map((SERVER_SERVICE + "." + d)::equals).orElse(false))
            || xmppAddrs.stream().anyMatch(id -> aLabel(id).map(d::equals).orElse(false));
        if (named || !dnsIds.isEmpty() || !srvIds.isEmpty() || !xmppAddrs.isEmpty()) {
            return named;
        }
        return commonNames.stream().anyMatch(id -> dnsIdMatches(id, d));
    }

    @Override
    public String toString() {
        return "DNS-ID " + dnsIds + ", SRV-ID " + srvIds + ", XmppAddr " + xmppAddrs + ", CN " + commonNames;
    }

    private static boolean dnsIdMatches(String presented, String domain) {
        Optional<String> id = presented.startsWith("*.") ? aLabel(presented.substring(2)).map(parent -> "*." + parent)
            : aLabel(presented);
        if (id.isEmpty()) {
            return false;
        }
        if (!id.get().startsWith("*.")) {
            return id.get().equals(domain);
        }
        String parent = id.get().substring(2);
        int dot = domain.indexOf('.');
        return parent.contains(".") && dot > 0 && domain.substring(dot + 1).equals(parent);
    }

    /** The A-label form, lower case, without a trailing dot; empty for what is no domain name. */
    private static Optional<String> aLabel(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty() || trimmed.contains("@") || trimmed.contains("/") || trimmed.contains("*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static List<String> commonNames(X509Certificate certificate) {
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                .filter(rdn -> "CN".equalsIgnoreCase(rdn.getType()))
                .map(Rdn::getValue)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }
}
