package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** A certificate for one domain issued by a {@link TestPki}, with its key. */
public record TestCertificate(String domain, X509Certificate certificate, PrivateKey key, X509Certificate issuer) {
    public static final String ALIAS = "xmpp";

    public Path writeCertificatePem(Path file) {
        return writePem(file, certificate);
    }

    public Path writeKeyPem(Path file) {
        return writePem(file, key);
    }

    /** A PKCS12 key store holding the key and the chain (certificate, then issuer). */
    public Path writeKeyStore(Path file, String secret) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, key, secret.toCharArray(), new Certificate[] {certificate, issuer});
            try (OutputStream output = Files.newOutputStream(file)) {
                keyStore.store(output, secret.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writePem(Path file, Object object) {
        try {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
