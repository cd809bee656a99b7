package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * STARTTLS of an {@link EjabberdPeer}'s s2s streams: its certificate (with key and issuer, one PEM file for
 * {@code certfiles}), the authority it checks peer certificates against ({@code ca_file}) and whether it requires
 * STARTTLS ({@code s2s_use_starttls}). ejabberd 23.01 then offers STARTTLS and SASL EXTERNAL on incoming streams and,
 * outgoing, starts TLS when offered and uses SASL EXTERNAL when the peer offers it; with {@code mod_s2s_dialback} loaded
 * it does not check the certificates of servers it connects to and falls back to dialback when SASL EXTERNAL fails.
 */
public record EjabberdTls(TestCertificate certificate, TestPki authority, boolean required) {
    /** Writes the PEM files into {@code directory} and returns the {@code ejabberd.yml} top-level lines. */
    List<String> configure(Path directory) {
        Path certificateFile = directory.resolve("ejabberd.pem");
        Path keyFile = certificate.writeKeyPem(directory.resolve("ejabberd.key.pem"));
        Path certificatePem = certificate.writeCertificatePem(directory.resolve("ejabberd.crt.pem"));
        Path issuerPem = TestCertificate.writePem(directory.resolve("ejabberd.issuer.pem"), certificate.issuer());
        try {
            Files.writeString(certificateFile, Files.readString(certificatePem) + Files.readString(keyFile)
                + Files.readString(issuerPem), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path ca = authority.writeCaPem(directory.resolve("ca.pem"));
        return List.of(
            "certfiles:",
            "  - \"" + certificateFile.toAbsolutePath() + "\"",
            "ca_file: \"" + ca.toAbsolutePath() + "\"",
            "s2s_use_starttls: " + (required ? "required" : "optional"));
    }
}
