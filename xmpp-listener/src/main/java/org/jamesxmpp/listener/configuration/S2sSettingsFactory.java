package org.jamesxmpp.listener.configuration;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.base.Throwables;

/** Turns xmpp.xml into the engine's settings, resolving store locations the way James does ({@code file://conf/...}). */
public class S2sSettingsFactory {
    private final FileSystem fileSystem;

    @Inject
    public S2sSettingsFactory(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** @throws ConfigurationException naming the file and setting when a value cannot be used */
    public S2sSettings create(XmppConfiguration configuration) throws ConfigurationException {
        S2sSettings.Builder builder = S2sSettings.builder()
            .maxStanzaSize(configuration.maxStanzaSize())
            .idleTimeout(configuration.idleTimeout())
            .streamManagement(configuration.streamManagement())
            .reconnectBackoff(configuration.reconnectBackoff(), configuration.reconnectBackoffCap())
            .maxPendingVerifications(configuration.maxPendingVerifications(), configuration.maxPendingVerificationsPerStream())
            .routeCacheSize(configuration.routeCacheSize())
            .dns(configuration.dns())
            .inboundLimits(configuration.inboundLimits())
            .connectTimeout(configuration.connectTimeout())
            .responseTimeout(configuration.responseTimeout())
            .maxQueuedStanzas(configuration.maxQueuedOutgoingStanzas())
            .inboundHandlers(configuration.inboundHandlers())
            .addressResolvers(configuration.addressResolvers())
            .xmlLimits(configuration.xmlLimits())
            .dialOut(configuration.dialOut())
            .secretRotation(configuration.secretRotation());
        if (configuration.enabled()) {
            configuration.binds().forEach(bind -> builder.bind(bind.toSocketAddress()));
        }
        configuration.routes().forEach(builder::route);
        configuration.dialbackSecret().ifPresent(builder::dialbackSecret);
        tls(configuration.tls()).ifPresent(builder::tls);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("xmpp.xml: " + e.getMessage(), e);
        }
    }

    /** The key material is loaded here, once: the engine and the client listener share what this returns. */
    private Optional<TlsContexts> tls(TlsConfiguration tls) throws ConfigurationException {
        if (!tls.enabled()) {
            return Optional.empty();
        }
        KeyStoreSettings keyStore = new KeyStoreSettings(resolve(tls.keystore().get(), "tls/keystore"), tls.keystoreType(),
            tls.secret().orElse(""));
        Optional<KeyStoreSettings> trustStore = Optional.empty();
        if (tls.truststore().isPresent()) {
            trustStore = Optional.of(new KeyStoreSettings(resolve(tls.truststore().get(), "tls/truststore"), tls.truststoreType(),
                tls.truststoreSecret().orElse("")));
        }
        TlsSettings settings = new TlsSettings(keyStore, trustStore, tls.required(), tls.verifyCertificates());
        try {
            return Optional.of(new TlsContexts(settings));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(String.format("xmpp.xml: tls/keystore '%s'%s cannot be loaded (check tls/secret, "
                + "tls/keystoreType and the truststore settings): %s", tls.keystore().get(),
                tls.truststore().map(location -> " or tls/truststore '" + location + "'").orElse(""),
                Throwables.getRootCause(e).getMessage()), e);
        }
    }

    private Path resolve(String location, String setting) throws ConfigurationException {
        try {
            File file = fileSystem.getFile(location);
            if (!file.isFile()) {
                throw new FileNotFoundException(file.getPath());
            }
            return file.toPath();
        } catch (FileNotFoundException e) {
            throw new ConfigurationException(String.format("xmpp.xml: %s '%s' not found", setting, location), e);
        }
    }
}
