package org.jamesxmpp.core.s2s.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jamesxmpp.core.log.LogSafe;

/**
 * The trust manager of streams we open: the peer's chain is checked by the configured trust store, then its
 * certificate must name the domain we connect to (the engine's peer host) as {@link PeerCertificateNames} says,
 * which the JDK's host name check ({@code HTTPS} endpoint identification, DNS-ID or CN only) cannot: a server
 * certificate with only an XmppAddr or an SRV-ID {@code _xmpp-server} is good for XMPP.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    ServerNameTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        checkNames(chain, engine == null ? null : engine.getPeerHost());
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
