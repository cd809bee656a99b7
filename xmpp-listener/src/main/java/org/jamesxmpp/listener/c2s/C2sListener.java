package org.jamesxmpp.listener.c2s;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.lifecycle.api.Startable;
import org.jamesxmpp.core.c2s.C2sServer;
import org.jamesxmpp.core.c2s.C2sSettings;
import org.jamesxmpp.core.c2s.ClientAuthenticator;
import org.jamesxmpp.core.c2s.ClientStanzaRouter;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.listener.TlsReloads;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.C2sSettingsFactory;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

/**
 * The James component of the client listener: builds it from {@code <c2s>} of {@code xmpp.xml} when started (so a
 * server that never starts it never reads its keystore) and stops it with James.
 */
@Singleton
public class C2sListener implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(C2sListener.class);

    private final C2sConfiguration configuration;
    private final XmppConfiguration xmppConfiguration;
    private final C2sSettingsFactory settingsFactory;
    private final S2sSettings s2sSettings;
    private final LocalDomains localDomains;
    private final ClientAuthenticator authenticator;
    private final ClientStanzaRouter router;
    private final SessionRegistry sessions;
    private final MailPushListener mailPush;
    private final SeenChatsListener seenChats;
    private Optional<C2sServer> server = Optional.empty();
    private TlsReloads tlsReloads = TlsReloads.none();

    @Inject
    public C2sListener(C2sConfiguration configuration, XmppConfiguration xmppConfiguration, C2sSettingsFactory settingsFactory,
                       S2sSettings s2sSettings, LocalDomains localDomains, ClientAuthenticator authenticator, ClientStanzaRouter router,
                       SessionRegistry sessions, MailPushListener mailPush, SeenChatsListener seenChats) {
        this.configuration = configuration;
        this.xmppConfiguration = xmppConfiguration;
        this.settingsFactory = settingsFactory;
        this.s2sSettings = s2sSettings;
        this.localDomains = localDomains;
        this.authenticator = authenticator;
        this.router = router;
        this.sessions = sessions;
        this.mailPush = mailPush;
        this.seenChats = seenChats;
    }

    /** @throws ConfigurationException naming xmpp.xml and the setting when the keystore cannot be used */
    public synchronized void start() throws ConfigurationException {
        if (!configuration.enabled()) {
            LOGGER.info("XMPP c2s listener disabled by xmpp.xml");
            return;
        }
        C2sSettings settings = settingsFactory.create(configuration, xmppConfiguration, s2sSettings.tls());
        C2sServer started = new C2sServer(settings, localDomains, authenticator, router, sessions);
        started.start();
        server = Optional.of(started);
        if (!settings.tls().equals(s2sSettings.tls())) {
            tlsReloads = TlsReloads.start("c2s", settings.tls(), xmppConfiguration.tls().reloadInterval());
        }
        mailPush.start();
        seenChats.start();
    }

    public List<InetSocketAddress> boundAddresses() {
        return server.map(C2sServer::boundAddresses).orElse(ImmutableList.of());
    }

    public List<InetSocketAddress> directTlsAddresses() {
        return server.map(C2sServer::directTlsAddresses).orElse(ImmutableList.of());
    }

    @PreDestroy
    public synchronized void stop() {
        tlsReloads.stop();
        tlsReloads = TlsReloads.none();
        mailPush.stop();
        seenChats.stop();
        server.ifPresent(C2sServer::stop);
        server = Optional.empty();
    }
}
