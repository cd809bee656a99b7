package org.jamesxmpp.listener.configuration;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code <tls>} of xmpp.xml, with store locations as James writes them ({@code file://conf/xmpp.p12}).
 * Without a keystore no STARTTLS is offered or used, so {@code required} needs one. Every {@code reloadInterval}
 * ({@code tls/reloadInterval}) the stores are loaded again if their files changed (a renewed certificate).
 */
public record TlsConfiguration(Optional<String> keystore, String keystoreType, Optional<String> secret,
                               Optional<String> truststore, String truststoreType, Optional<String> truststoreSecret,
                               boolean required, boolean verifyCertificates, Duration reloadInterval) {
    public static final String DEFAULT_STORE_TYPE = "PKCS12";
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMinutes(5);

    public static TlsConfiguration disabled() {
        return new TlsConfiguration(Optional.empty(), DEFAULT_STORE_TYPE, Optional.empty(),
            Optional.empty(), DEFAULT_STORE_TYPE, Optional.empty(), false, true, DEFAULT_RELOAD_INTERVAL);
    }

    public boolean enabled() {
        return keystore.isPresent();
    }

    @Override
    public String toString() {
        // secrets never reach a log line
        return "TlsConfiguration{keystore=" + keystore + ", keystoreType=" + keystoreType + ", truststore=" + truststore
            + ", truststoreType=" + truststoreType + ", required=" + required + ", verifyCertificates=" + verifyCertificates
            + ", reloadInterval=" + reloadInterval + "}";
    }
}
