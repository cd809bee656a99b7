package org.jamesxmpp.core.s2s.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.TlsSettings;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * SSL contexts of the s2s streams. Incoming: a client certificate is requested but any is
 * accepted by the handshake; {@link PeerCertificates} decides afterwards (so that a peer with an
 * unknown certificate can still use dialback).
 */
public class TlsContexts {
    private final TlsSettings settings;
    private final SslContext server;
    private final SslContext client;
    private final PeerCertificates peerCertificates;

    public TlsContexts(TlsSettings settings) {
        this.settings = settings;
        try {
            KeyManagerFactory keyManagers = keyManagers(settings.keyStore());
            TrustManagerFactory trustManagers = trustManagers(settings.trustStore());
            this.peerCertificates = new PeerCertificates(x509(trustManagers));
            this.server = SslContextBuilder.forServer(keyManagers)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .clientAuth(ClientAuth.OPTIONAL)
                .build();
            this.client = SslContextBuilder.forClient()
                .keyManager(keyManagers)
                .trustManager(settings.verifyPeerCertificates() ? new ServerNameTrustManager(x509Extended(trustManagers), settings.required())
                    : InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0])
                .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot load TLS key material from " + settings.keyStore().path()
                + ": " + e.getMessage(), e);
        }
    }

    public boolean required() {
        return settings.required();
    }

    public PeerCertificates peerCertificates() {
        return peerCertificates;
    }

    /** A handler for our side of STARTTLS on an incoming stream; lets {@code <proceed/>} out in clear. */
    public SslHandler serverHandler(ByteBufAllocator allocator) {
        return new SslHandler(server.newEngine(allocator), true);
    }

    /**
     * A handler for an outgoing stream to {@code domain} (the engine's peer host): with {@code verifyPeerCertificates}
     * and {@code required} the handshake fails unless the certificate is trusted and names it; with
     * {@code verifyPeerCertificates} only, a failure is logged ({@link ServerNameTrustManager}).
     */
    public SslHandler clientHandler(ByteBufAllocator allocator, String domain) {
        return new SslHandler(client.newEngine(allocator, domain, 5269));
    }

    private static KeyManagerFactory keyManagers(KeyStoreSettings keyStore) throws IOException, GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(keyStore), keyStore.secret().toCharArray());
        return factory;
    }

    private static TrustManagerFactory trustManagers(Optional<KeyStoreSettings> trustStore)
        throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore.isPresent() ? load(trustStore.get()) : null);
        return factory;
    }

    private static KeyStore load(KeyStoreSettings settings) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(settings.type());
        try (InputStream input = Files.newInputStream(settings.path())) {
            keyStore.load(input, settings.secret().toCharArray());
        }
        return keyStore;
    }

    private static X509ExtendedTrustManager x509Extended(TrustManagerFactory factory) {
        if (x509(factory) instanceof X509ExtendedTrustManager extended) {
            return extended;
        }
        throw new IllegalArgumentException("The trust manager is no X509ExtendedTrustManager");
    }

    private static X509TrustManager x509(TrustManagerFactory factory) {
        return Arrays.stream(factory.getTrustManagers())
            .filter(X509TrustManager.class::isInstance)
            .map(X509TrustManager.class::cast)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No X.509 trust manager"));
    }
}
