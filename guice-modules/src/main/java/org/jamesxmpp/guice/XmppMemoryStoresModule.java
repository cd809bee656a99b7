package org.jamesxmpp.guice;

import java.time.Clock;

import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.store.DeliveryLedger;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.MemoryDeliveryLedger;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.core.store.MemoryDomainCapabilityStore;
import org.jamesxmpp.core.store.MemoryInboundDedupStore;
import org.jamesxmpp.core.store.MemoryLateErrorStore;
import org.jamesxmpp.core.store.MemoryRosterStore;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.listener.c2s.PasswordHashes;
import org.jamesxmpp.listener.c2s.UsersRepositoryPasswordHashes;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** State kept in this node's memory: right for a single James; a cluster binds shared stores instead. */
public class XmppMemoryStoresModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DialbackSecretStore.class).to(MemoryDialbackSecretStore.class);
        bind(MemoryDialbackSecretStore.class).in(Singleton.class);
        bind(DeliveryLedger.class).to(MemoryDeliveryLedger.class);
        bind(MemoryDeliveryLedger.class).in(Singleton.class);
        bind(PasswordHashes.class).to(UsersRepositoryPasswordHashes.class);
    }

    @Provides
    @Singleton
    InboundDedupStore inboundDedupStore(XmppConfiguration configuration, Clock clock) {
        return new MemoryInboundDedupStore(configuration.dedupWindow(), configuration.dedupMaxEntries(), clock);
    }

    @Provides
    @Singleton
    LateErrorStore lateErrorStore(XmppConfiguration configuration, Clock clock) {
        return new MemoryLateErrorStore(configuration.lateErrors(), clock);
    }

    @Provides
    @Singleton
    DomainCapabilityStore domainCapabilityStore(DeliveryLimits limits, Clock clock) {
        return new MemoryDomainCapabilityStore(limits.multicastDiscoveryDomains(), clock);
    }

    @Provides
    @Singleton
    RosterStore rosterStore(C2sConfiguration configuration) {
        return new MemoryRosterStore(configuration.maxRosterItems());
    }
}
