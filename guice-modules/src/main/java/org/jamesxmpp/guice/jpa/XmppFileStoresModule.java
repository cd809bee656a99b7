package org.jamesxmpp.guice.jpa;

import java.io.FileNotFoundException;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.FileDialbackSecretStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The XMPP extension's state that must outlive a restart, below the working directory: the dialback secret (unless
 * {@code xmpp.xml} sets one). Overrides {@code XmppMemoryStoresModule}'s binding.
 */
public class XmppFileStoresModule extends AbstractModule {
    public static final String DIALBACK_SECRET = "file://var/store/xmpp/dialback-secret";

    @Provides
    @Singleton
    DialbackSecretStore dialbackSecretStore(FileSystem fileSystem) throws FileNotFoundException {
        return new FileDialbackSecretStore(fileSystem.getFile(DIALBACK_SECRET).toPath());
    }
}
