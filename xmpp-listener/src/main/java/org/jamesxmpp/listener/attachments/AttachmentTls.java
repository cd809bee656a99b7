package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS side of the attachment server: its certificate and key from a keystore, read once at start. */
public final class AttachmentTls {
    private AttachmentTls() {
    }

    /** @throws IllegalStateException naming the keystore when it cannot be read or holds no usable key */
    public static SSLContext serverContext(Path keystore, String type, String secret) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(in, secret.toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, secret.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("xmpp.xml: the keystore '" + keystore + "' of attachments/https cannot be used"
                + " (check attachments/keystore, keystoreType and secret, or tls/*): " + e.getMessage(), e);
        }
    }
}
