package org.jamesxmpp.core.s2s.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * SSL contexts of the s2s streams. Incoming: a client certificate is requested but any is
 * accepted by the handshake; {@link PeerCertificates} decides afterwards (so that a peer with an
 * unknown certificate can still use dialback). {@link #reloadIfChanged()} loads the stores again when their files
 * changed (a renewed certificate): new streams use it, established ones keep theirs.
 */
public class TlsContexts {
    private static final Logger LOGGER = LoggerFactory.getLogger(TlsContexts.class);
    /** The ALPN protocol of XMPP clients (XEP-0368). */
    public static final String CLIENT_ALPN = "xmpp-client";

    /** What was loaded from the stores, and the state of their files then. */
    private record Material(SslContext server, SslContext directClient, SslContext client, PeerCertificates peerCertificates,
                            X509Certificate certificate, List<FileState> files) {
    }

    private record FileState(Path path, FileTime modified, long size) {
    }

    private final TlsSettings settings;
    private volatile Material material;
    private Optional<List<FileState>> refused = Optional.empty();

    public TlsContexts(TlsSettings settings) {
        this.settings = settings;
        try {
            this.material = load(settings, fileStates(settings));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot load TLS key material from " + settings.keyStore().path()
                + ": " + e.getMessage(), e);
        }
    }

    public boolean required() {
        return settings.required();
    }

    public PeerCertificates peerCertificates() {
        return material.peerCertificates();
    }

    /** The certificate we present (of the key store's first key entry). */
    public X509Certificate certificate() {
        return material.certificate();
    }

    /**
     * Loads the stores again when a file changed since the last load (modification time or size). A store that
     * cannot be loaded (half written, wrong secret) is logged once and the previous material stays in use.
     *
     * @return whether new material is in use
     */
    public synchronized boolean reloadIfChanged() {
        List<FileState> files;
        try {
            files = fileStates(settings);
        } catch (IOException e) {
            warnOnce(List.of(), "cannot read " + e.getMessage());
            return false;
        }
        if (files.equals(material.files()) || refused.equals(Optional.of(files))) {
            return false;
        }
        try {
            material = load(settings, files);
            refused = Optional.empty();
            LOGGER.info("TLS key material reloaded from {}: certificate {} valid until {}", settings.keyStore().path(),
                material.certificate().getSubjectX500Principal().getName(), material.certificate().getNotAfter().toInstant());
            return true;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            warnOnce(files, e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
    }

    private void warnOnce(List<FileState> files, String reason) {
        if (!refused.equals(Optional.of(files))) {
            LOGGER.warn("TLS key material in {} changed but cannot be loaded, the previous one stays in use: {}",
                settings.keyStore().path(), LogSafe.of(reason));
        }
        refused = Optional.of(files);
    }

    /** A handler for our side of STARTTLS on an incoming stream; lets {@code <proceed/>} out in clear. */
    public SslHandler serverHandler(ByteBufAllocator allocator) {
        return new SslHandler(material.server().newEngine(allocator), true);
    }

    /**
     * A handler for a client's direct TLS connection (XEP-0368): TLS from the first byte, ALPN {@value #CLIENT_ALPN}
     * selected when the client offers it (a client offering none, or others, still gets the handshake), no client
     * certificate asked for (SASL authenticates clients).
     */
    public SslHandler directClientHandler(ByteBufAllocator allocator) {
        return material.directClient().newHandler(allocator);
    }

    /**
     * A handler for an outgoing stream to {@code domain} (the engine's peer host): with {@code verifyPeerCertificates}
     * and {@code required} the handshake fails unless the certificate is trusted and names it; with
     * {@code verifyPeerCertificates} only, a failure is logged ({@link ServerNameTrustManager}).
     */
    public SslHandler clientHandler(ByteBufAllocator allocator, String domain) {
        return new SslHandler(material.client().newEngine(allocator, domain, 5269));
    }

    private static Material load(TlsSettings settings, List<FileState> files) throws IOException, GeneralSecurityException {
        KeyStore keyStore = load(settings.keyStore());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, settings.keyStore().secret().toCharArray());
        TrustManagerFactory trustManagers = trustManagers(settings.trustStore());
        SslContext server = SslContextBuilder.forServer(keyManagers)
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .clientAuth(ClientAuth.OPTIONAL)
            .build();
        SslContext directClient = SslContextBuilder.forServer(keyManagers)
            .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, CLIENT_ALPN))
            .build();
        SslContext client = SslContextBuilder.forClient()
            .keyManager(keyManagers)
            .trustManager(settings.verifyPeerCertificates() ? new ServerNameTrustManager(x509Extended(trustManagers), settings.required())
                : InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0])
            .build();
        return new Material(server, directClient, client, new PeerCertificates(x509(trustManagers)), certificate(keyStore), files);
    }

    private static X509Certificate certificate(KeyStore keyStore) throws GeneralSecurityException {
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new KeyStoreException("the key store holds no key with an X.509 certificate");
    }

    private static List<FileState> fileStates(TlsSettings settings) throws IOException {
        List<FileState> files = new ArrayList<>();
        files.add(fileState(settings.keyStore().path()));
        if (settings.trustStore().isPresent()) {
            files.add(fileState(settings.trustStore().get().path()));
        }
        return List.copyOf(files);
    }

    private static FileState fileState(Path path) throws IOException {
        return new FileState(path, Files.getLastModifiedTime(path), Files.size(path));
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
