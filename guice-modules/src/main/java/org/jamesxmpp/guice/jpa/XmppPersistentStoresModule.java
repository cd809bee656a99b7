package org.jamesxmpp.guice.jpa;

import java.io.FileNotFoundException;
import java.time.Clock;

import javax.persistence.EntityManagerFactory;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.FileDialbackSecretStore;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.listener.c2s.PasswordHashes;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The XMPP extension's state that must outlive a restart on the persistent single node: the dialback secret (unless
 * {@code xmpp.xml} sets one) in a file below the working directory; the inbound duplicate claims and the late-error
 * registry (stanzas peers acknowledged, for their late stanza errors), the local delivery ledger, the peer domains'
 * capabilities (disco#info answers) and the users' rosters in the JPA database. Overrides {@code XmppMemoryStoresModule}'s bindings.
 */
public class XmppPersistentStoresModule extends AbstractModule {
    public static final String DIALBACK_SECRET = "file://var/store/xmpp/dialback-secret";

    @Provides
    @Singleton
    DialbackSecretStore dialbackSecretStore(FileSystem fileSystem) throws FileNotFoundException {
        return new FileDialbackSecretStore(fileSystem.getFile(DIALBACK_SECRET).toPath());
    }

    @Provides
    @Singleton
    InboundDedupStore inboundDedupStore(EntityManagerFactory entityManagerFactory, XmppConfiguration configuration,
                                        Clock clock) {
        return new JpaInboundDedupStore(entityManagerFactory, configuration.dedupWindow(), clock);
    }

    @Provides
    @Singleton
    LateErrorStore lateErrorStore(EntityManagerFactory entityManagerFactory, XmppConfiguration configuration, Clock clock) {
        return new JpaLateErrorStore(entityManagerFactory, configuration.lateErrors(), clock);
    }

    @Provides
    @Singleton
    DeliveryLedger deliveryLedger(EntityManagerFactory entityManagerFactory) {
        return new JpaDeliveryLedger(entityManagerFactory);
    }

    @Provides
    @Singleton
    DomainCapabilityStore domainCapabilityStore(EntityManagerFactory entityManagerFactory, Clock clock) {
        return new JpaDomainCapabilityStore(entityManagerFactory, clock);
    }

    @Provides
    @Singleton
    RosterStore rosterStore(EntityManagerFactory entityManagerFactory, C2sConfiguration configuration) {
        return new JpaRosterStore(entityManagerFactory, configuration.maxRosterItems());
    }

    /** James's JPA users: their hashes are in its table ({@code JAMES_USER}), not behind its API. */
    @Provides
    @Singleton
    PasswordHashes passwordHashes(EntityManagerFactory entityManagerFactory) {
        return new JpaPasswordHashes(entityManagerFactory);
    }
}
