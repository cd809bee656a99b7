package org.jamesxmpp.core.s2s.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the certificate a peer presented is trusted and names a given domain (RFC 6125 DNS-ID). */
public class PeerCertificates {
    private static final Logger LOGGER = LoggerFactory.getLogger(PeerCertificates.class);
    private static final int DNS_NAME = 2;

    private final X509TrustManager trustManager;

    public PeerCertificates(X509TrustManager trustManager) {
        this.trustManager = trustManager;
    }

    public boolean isTrustedFor(SSLSession session, String domain) {
        return chain(session)
            .filter(this::isTrusted)
            .map(chain -> names(chain[0]).stream().anyMatch(name -> matches(name, domain)))
            .orElse(false);
    }

    private static Optional<X509Certificate[]> chain(SSLSession session) {
        try {
            java.security.cert.Certificate[] certificates = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certificates.length];
            for (int i = 0; i < certificates.length; i++) {
                chain[i] = (X509Certificate) certificates[i];
            }
            return chain.length == 0 ? Optional.empty() : Optional.of(chain);
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private boolean isTrusted(X509Certificate[] chain) {
        try {
            trustManager.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            return true;
        } catch (Exception e) {
            LOGGER.debug("Untrusted peer certificate {}: {}", LogSafe.of(chain[0].getSubjectX500Principal()), LogSafe.of(e));
            return false;
        }
    }

    private static List<String> names(X509Certificate certificate) {
        try {
            Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
            if (alternativeNames == null) {
                return List.of();
            }
            return alternativeNames.stream()
                .filter(entry -> entry.size() >= 2 && Integer.valueOf(DNS_NAME).equals(entry.get(0)))
                .map(entry -> String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT))
                .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean matches(String name, String domain) {
        String normalized = domain.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = normalized.indexOf('.');
            return dot > 0 && normalized.substring(dot + 1).equals(name.substring(2));
        }
        return name.equals(normalized);
    }
}
