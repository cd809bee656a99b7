package org.jamesxmpp.core.s2s.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust manager of streams we open: the peer's chain is checked by the configured trust store, then its
 * certificate must name the domain we connect to (the engine's peer host) as {@link PeerCertificateNames} says,
 * which the JDK's host name check ({@code HTTPS} endpoint identification, DNS-ID or CN only) cannot: a server
 * certificate with only an XmppAddr or an SRV-ID {@code _xmpp-server} is good for XMPP.
 *
 * <p>Strict (TLS required), a certificate failing the check fails the handshake. Otherwise it is logged and the
 * stream goes on encrypted, authenticated by SASL EXTERNAL or dialback as a stream without TLS would be: refusing
 * would protect nothing, since whoever can present a false certificate can as well strip STARTTLS from the features,
 * and it would cut us off from peers we reach in clear (self-signed certificates), as Prosody's and ejabberd's
 * defaults do not.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOGGER = LoggerFactory.getLogger(ServerNameTrustManager.class);

    private final X509ExtendedTrustManager delegate;
    private final boolean strict;

    ServerNameTrustManager(X509ExtendedTrustManager delegate, boolean strict) {
        this.delegate = delegate;
        this.strict = strict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
            checkNames(chain, engine == null ? null : engine.getPeerHost());
        } catch (CertificateException e) {
            if (strict) {
                throw e;
            }
            LOGGER.warn("Certificate of {} not verified ({}); going on encrypted, authenticated by SASL EXTERNAL or "
                + "dialback as without TLS (tls/required is false)", LogSafe.of(engine == null ? "?" : engine.getPeerHost()),
                LogSafe.of(e.getMessage()));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("s2s streams run on SSLEngines; no domain to check for a socket");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("s2s streams run on SSLEngines; no domain to check without one");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private static void checkNames(X509Certificate[] chain, String domain) throws CertificateException {
        if (domain == null || chain == null || chain.length == 0) {
            throw new CertificateException("no peer certificate or no domain to check it for");
        }
        PeerCertificateNames names = PeerCertificateNames.of(chain[0]);
        if (!names.namesServer(domain)) {
            throw new CertificateException(LogSafe.of("certificate " + chain[0].getSubjectX500Principal()
                + " does not name the XMPP server of " + domain + " (" + names + ")").toString());
        }
    }
}
