package org.jamesxmpp.listener.configuration;

import java.io.FileNotFoundException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.c2s.C2sSettings;
import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.base.Throwables;
import com.google.common.collect.ImmutableList;

/**
 * Turns {@code <c2s>} into the client listener's settings. The certificate: {@code c2s/tls/keystore}, else
 * {@code tls/keystore} (then the key material the s2s engine loaded is shared, not loaded again), else the bundled
 * {@code conf/keystore}; a keystore that cannot be found leaves STARTTLS out, which with {@code c2s/tls/required} (the
 * default) is an error naming the file, and one that cannot be loaded is an error naming the setting.
 */
public class C2sSettingsFactory {
    private final FileSystem fileSystem;

    @Inject
    public C2sSettingsFactory(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** @param s2sTls what the s2s engine loaded from {@code tls/*}, used when {@code c2s/tls/keystore} is not set */
    public C2sSettings create(C2sConfiguration c2s, XmppConfiguration xmpp, Optional<TlsContexts> s2sTls)
        throws ConfigurationException {
        Optional<TlsContexts> tls = c2s.keystore().isEmpty() && s2sTls.isPresent() ? s2sTls : load(c2s, xmpp.tls());
        if (!c2s.directTlsBinds().isEmpty() && tls.isEmpty()) {
            throw new ConfigurationException("xmpp.xml: c2s/directTls/bind is set but no keystore is found for it "
                + "(set c2s/tls/keystore)");
        }
        return new C2sSettings(socketAddresses(c2s, c2s.binds()), tls, c2s.tlsRequired(), c2s.limits(), xmpp.xmlLimits(),
            c2s.domainLookups(), socketAddresses(c2s, c2s.directTlsBinds()));
    }

    private static List<InetSocketAddress> socketAddresses(C2sConfiguration c2s, List<HostPort> binds) {
        return c2s.enabled() ? binds.stream().map(HostPort::toSocketAddress).collect(ImmutableList.toImmutableList())
            : ImmutableList.of();
    }

    private Optional<TlsContexts> load(C2sConfiguration c2s, TlsConfiguration s2s) throws ConfigurationException {
        StoreLocation keyStore = keyStore(c2s, s2s);
        Optional<Path> path = resolve(keyStore.location());
        if (path.isEmpty() && c2s.tlsRequired()) {
            throw new ConfigurationException("xmpp.xml: c2s/tls/required is true but the keystore '" + keyStore.location()
                + "' is not found (set c2s/tls/keystore)");
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TlsContexts(new TlsSettings(new KeyStoreSettings(path.get(), keyStore.type(), keyStore.secret()),
                Optional.empty(), c2s.tlsRequired(), false)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(String.format("xmpp.xml: c2s/tls/keystore '%s' cannot be loaded (check "
                + "c2s/tls/secret and c2s/tls/keystoreType): %s", keyStore.location(), Throwables.getRootCause(e).getMessage()), e);
        }
    }

    /** A store as xmpp.xml names it ({@code file://conf/...}), before James resolves it. */
    private record StoreLocation(String location, String type, String secret) {
    }

    private static StoreLocation keyStore(C2sConfiguration c2s, TlsConfiguration tls) {
        if (c2s.keystore().isPresent()) {
            return new StoreLocation(c2s.keystore().get(), c2s.keystoreType(), c2s.secret().orElse(""));
        }
        if (tls.keystore().isPresent()) {
            return new StoreLocation(tls.keystore().get(), tls.keystoreType(), tls.secret().orElse(""));
        }
        return new StoreLocation(C2sConfiguration.BUNDLED_KEYSTORE, TlsConfiguration.DEFAULT_STORE_TYPE,
            c2s.secret().orElse(C2sConfiguration.BUNDLED_KEYSTORE_SECRET));
    }

    private Optional<Path> resolve(String location) {
        try {
            return Optional.of(fileSystem.getFile(location).toPath()).filter(path -> path.toFile().isFile());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }
}
