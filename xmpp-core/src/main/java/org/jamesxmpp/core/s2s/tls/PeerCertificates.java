package org.jamesxmpp.core.s2s.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the certificate a peer presented is trusted and names a given domain ({@link PeerCertificateNames}). */
public class PeerCertificates {
    private static final Logger LOGGER = LoggerFactory.getLogger(PeerCertificates.class);

    private final X509TrustManager trustManager;

    public PeerCertificates(X509TrustManager trustManager) {
        this.trustManager = trustManager;
    }

    public boolean isTrustedFor(SSLSession session, String domain) {
        return chain(session).map(chain -> isTrustedFor(chain, domain)).orElse(false);
    }

    /** Whether {@code chain} (the peer's first) is trusted and its first certificate names {@code domain}. */
    public boolean isTrustedFor(X509Certificate[] chain, String domain) {
        if (chain.length == 0 || !isTrusted(chain)) {
            return false;
        }
        PeerCertificateNames names = PeerCertificateNames.of(chain[0]);
        if (!names.namesServer(domain)) {
            LOGGER.debug("Peer certificate {} does not name {}: {}", LogSafe.of(chain[0].getSubjectX500Principal()),
                LogSafe.of(domain), LogSafe.of(names));
            return false;
        }
        return true;
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
}
