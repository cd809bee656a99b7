package org.jamesxmpp.listener.configuration;

import java.util.Optional;

/**
 * {@code <tls>} of xmpp.xml. Without a keystore no STARTTLS is offered, so {@code required} needs one.
 */
public record TlsSettings(Optional<String> keystore, String keystoreType, Optional<String> secret, boolean required) {
    public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

    public static TlsSettings disabled() {
        return new TlsSettings(Optional.empty(), DEFAULT_KEYSTORE_TYPE, Optional.empty(), false);
    }

    public boolean enabled() {
        return keystore.isPresent();
    }

    @Override
    public String toString() {
        // the secret never reaches a log line
        return "TlsSettings{keystore=" + keystore + ", keystoreType=" + keystoreType + ", required=" + required + "}";
    }
}
