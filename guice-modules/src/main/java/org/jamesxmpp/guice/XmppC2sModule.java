package org.jamesxmpp.guice;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.jamesxmpp.core.c2s.ClientAuthenticator;
import org.jamesxmpp.core.c2s.ClientStanzaRouter;
import org.jamesxmpp.core.c2s.MailPush;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jamesxmpp.listener.c2s.ArchiveArrivals;
import org.jamesxmpp.listener.c2s.C2sListener;
import org.jamesxmpp.listener.c2s.C2sRouting;
import org.jamesxmpp.listener.c2s.CarbonCopies;
import org.jamesxmpp.listener.c2s.ClientMailSubmission;
import org.jamesxmpp.listener.c2s.ClientMessageMapping;
import org.jamesxmpp.listener.c2s.InboundOnlineDelivery;
import org.jamesxmpp.listener.c2s.LocalPresences;
import org.jamesxmpp.listener.c2s.MailPushListener;
import org.jamesxmpp.listener.c2s.MailboxArchive;
import org.jamesxmpp.listener.c2s.MarkerOut;
import org.jamesxmpp.listener.c2s.OnlineResources;
import org.jamesxmpp.listener.c2s.PresenceOut;
import org.jamesxmpp.listener.c2s.ReadMarkers;
import org.jamesxmpp.listener.c2s.Rosters;
import org.jamesxmpp.listener.c2s.SeenChatsListener;
import org.jamesxmpp.listener.c2s.SentHistory;
import org.jamesxmpp.listener.c2s.ServiceAdministration;
import org.jamesxmpp.listener.c2s.UserPresences;
import org.jamesxmpp.listener.c2s.UsersRepositoryAuthenticator;
import org.jamesxmpp.listener.configuration.AdminConfiguration;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.C2sSettingsFactory;
import org.jamesxmpp.listener.configuration.MailPushConfiguration;
import org.jamesxmpp.listener.configuration.SaslConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The client listener: users log in with their James password; their stanzas reach local users, s2s and mail. */
public class XmppC2sModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ClientAuthenticator.class).to(UsersRepositoryAuthenticator.class);
        bind(UsersRepositoryAuthenticator.class).in(Singleton.class);
        bind(ClientStanzaRouter.class).to(C2sRouting.class);
        bind(C2sRouting.class).in(Singleton.class);
        bind(OnlineResources.class).in(Singleton.class);
        bind(ClientMailSubmission.class).in(Singleton.class);
        bind(ClientMessageMapping.class).in(Singleton.class);
        bind(SentHistory.class).in(Singleton.class);
        bind(CarbonCopies.class).in(Singleton.class);
        bind(MailPushListener.class).in(Singleton.class);
        bind(MailboxArchive.class).in(Singleton.class);
        bind(InboundOnlineDelivery.class).in(Singleton.class);
        bind(Rosters.class).in(Singleton.class);
        bind(PresenceOut.class).in(Singleton.class);
        bind(LocalPresences.class).in(Singleton.class);
        bind(UserPresences.class).in(Singleton.class);
        bind(ReadMarkers.class).in(Singleton.class);
        bind(SeenChatsListener.class).in(Singleton.class);
        bind(MarkerOut.class).in(Singleton.class);
        bind(ArchiveArrivals.class).in(Singleton.class);
        bind(ServiceAdministration.class).in(Singleton.class);
        bind(C2sSettingsFactory.class).in(Singleton.class);
        bind(C2sListener.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    C2sConfiguration c2sConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return C2sConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    SaslConfiguration saslConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return SaslConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    AdminConfiguration adminConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return AdminConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    MailPush mailPush(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return MailPushConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    SessionRegistry sessionRegistry(C2sConfiguration configuration) {
        return new SessionRegistry(configuration.limits().maxResourcesPerUser());
    }
}
