package org.jamesxmpp.guice;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.InboundStanzaHandler;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.s2s.XmppDomainLookup;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.listener.JamesLocalDomains;
import org.jamesxmpp.listener.configuration.S2sSettingsFactory;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The s2s engine: one per James node, serving the listener and the outbound mailet. */
public class XmppS2sModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(LocalDomains.class).to(JamesLocalDomains.class);
        bind(S2sSettingsFactory.class).in(Singleton.class);
        bind(StanzaSender.class).to(S2sServer.class);
        bind(XmppDomainLookup.class).to(S2sServer.class);
    }

    @Provides
    @Singleton
    S2sSettings s2sSettings(S2sSettingsFactory factory, XmppConfiguration configuration) throws ConfigurationException {
        return factory.create(configuration);
    }

    @Provides
    @Singleton
    S2sRouter router(S2sSettings settings, Clock clock) {
        return new S2sRouter(settings.staticRoutes(), clock, settings.dns(), settings.routeCacheSize());
    }

    @Provides
    @Singleton
    S2sServer s2sServer(S2sSettings settings, LocalDomains localDomains, InboundStanzaHandler handler,
                        DialbackSecretStore secretStore, S2sRouter router, Clock clock, LateErrorStore lateErrors) {
        return new S2sServer(settings, localDomains, handler, secretStore, router, clock, lateErrors);
    }
}
