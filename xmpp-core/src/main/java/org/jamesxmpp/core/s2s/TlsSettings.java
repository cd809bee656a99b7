package org.jamesxmpp.core.s2s;

import java.util.Objects;
import java.util.Optional;

/**
 * TLS of the s2s streams.
 *
 * @param keyStore our certificate and key, offered by STARTTLS and presented for SASL EXTERNAL
 * @param trustStore the authorities peer certificates are checked against; empty means the JDK's
 * @param required when true, incoming streams must STARTTLS before anything else and outgoing
 *     streams never go on without TLS
 * @param verifyPeerCertificates when true, the server certificate of an outgoing stream is checked (trust store and
 *     name, {@code PeerCertificateNames}): with {@code required} a failure ends the stream, without it the failure is
 *     logged and the stream goes on authenticated as without TLS; when false, outgoing streams accept any server
 *     certificate (they
 *     then authenticate with dialback only)
 */
public record TlsSettings(KeyStoreSettings keyStore, Optional<KeyStoreSettings> trustStore,
                          boolean required, boolean verifyPeerCertificates) {
    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
    }
}
