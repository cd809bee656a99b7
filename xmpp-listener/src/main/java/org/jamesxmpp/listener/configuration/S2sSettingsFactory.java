package org.jamesxmpp.listener.configuration;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.TlsSettings;

/** Turns xmpp.xml into the engine's settings, resolving store locations the way James does ({@code file://conf/...}). */
public class S2sSettingsFactory {
    private final FileSystem fileSystem;

    @Inject
    public S2sSettingsFactory(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    public S2sSettings create(XmppConfiguration configuration) {
        S2sSettings.Builder builder = S2sSettings.builder()
            .maxStanzaSize(configuration.maxStanzaSize())
            .idleTimeout(configuration.idleTimeout())
            .streamManagement(configuration.streamManagement())
            .reconnectBackoff(configuration.reconnectBackoff(), configuration.reconnectBackoffCap())
            .maxPendingVerifications(configuration.maxPendingVerifications(), configuration.maxPendingVerificationsPerStream())
            .routeCacheSize(configuration.routeCacheSize())
            .inboundLimits(configuration.inboundLimits());
        if (configuration.enabled()) {
            configuration.binds().forEach(bind -> builder.bind(bind.toSocketAddress()));
        }
        configuration.routes().forEach(builder::route);
        configuration.dialbackSecret().ifPresent(builder::dialbackSecret);
        tls(configuration.tls()).ifPresent(builder::tls);
        return builder.build();
    }

    private Optional<TlsSettings> tls(TlsConfiguration tls) {
        if (!tls.enabled()) {
            return Optional.empty();
        }
        KeyStoreSettings keyStore = new KeyStoreSettings(resolve(tls.keystore().get(), "tls/keystore"), tls.keystoreType(),
            tls.secret().orElse(""));
        Optional<KeyStoreSettings> trustStore = tls.truststore()
            .map(location -> new KeyStoreSettings(resolve(location, "tls/truststore"), tls.truststoreType(),
                tls.truststoreSecret().orElse("")));
        return Optional.of(new TlsSettings(keyStore, trustStore, tls.required(), tls.verifyCertificates()));
    }

    private Path resolve(String location, String setting) {
        try {
            return fileSystem.getFile(location).toPath();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("xmpp.xml: " + setting + " '" + location + "' not found", e);
        }
    }
}
