package org.jamesxmpp.it.persistent;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_client -starttls xmpp-server} against an s2s listener, as README "TLS on the s2s port" tells an
 * administrator to check it: whether the STARTTLS handshake completes, and which certificate is served. Fails
 * naming the package when openssl is missing.
 */
final class OpensslStartTls {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    /** What s_client printed, and the certificate the listener served. */
    record Handshake(String output, X509Certificate certificate) {
    }

    private OpensslStartTls() {
    }

    static Handshake handshake(InetSocketAddress listener, String domain) throws IOException, InterruptedException {
        if (!Files.isExecutable(OPENSSL)) {
            throw new IllegalStateException(OPENSSL + " is missing: install openssl");
        }
        Process process = new ProcessBuilder(List.of(OPENSSL.toString(), "s_client", "-starttls", "xmpp-server",
            "-xmpphost", domain, "-connect", listener.getHostString() + ":" + listener.getPort()))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        byte[] bytes;
        try (InputStream output = process.getInputStream()) {
            bytes = output.readAllBytes();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl s_client did not end");
        }
        String output = new String(bytes, StandardCharsets.UTF_8);
        int begin = output.indexOf(BEGIN);
        int end = output.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("openssl s_client got no certificate from " + listener + ":\n" + output);
        }
        String pem = output.substring(begin, end + END.length());
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return new Handshake(output, certificate);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("openssl s_client printed no readable certificate:\n" + output, e);
        }
    }

    /** The certificate of the keystore the run command ships ({@code conf/keystore}, secret {@code james-xmpp}). */
    static X509Certificate bundledCertificate(Path conf) throws IOException {
        try (InputStream input = Files.newInputStream(conf.resolve("keystore"))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(input, "james-xmpp".toCharArray());
            return (X509Certificate) keyStore.getCertificate(keyStore.aliases().nextElement());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("conf/keystore cannot be read", e);
        }
    }
}
