package org.jamesxmpp.listener;

import java.net.InetSocketAddress;
import java.util.List;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.lifecycle.api.Startable;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.listener.attachments.AttachmentLinks;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The James component of the bridge: starts the s2s engine on the {@code xmpp.xml} bind addresses (unless the
 * file says {@code enabled="false"}), and the attachment link server when {@code attachments} configures one; stops
 * them with James. A renewed certificate in {@code tls/keystore} is taken up within {@code tls/reloadInterval}.
 */
@Singleton
public class XmppListener implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(XmppListener.class);

    private final XmppConfiguration configuration;
    private final S2sServer server;
    private final S2sSettings settings;
    private final AttachmentLinks attachmentLinks;
    private TlsReloads tlsReloads = TlsReloads.none();

    @Inject
    public XmppListener(XmppConfiguration configuration, S2sServer server, S2sSettings settings, AttachmentLinks attachmentLinks) {
        this.configuration = configuration;
        this.server = server;
        this.settings = settings;
        this.attachmentLinks = attachmentLinks;
    }

    public void start() {
        if (!configuration.enabled()) {
            LOGGER.info("XMPP s2s listener disabled by xmpp.xml");
            return;
        }
        server.start();
        LOGGER.info("XMPP s2s listener started on {}", server.boundAddresses());
        tlsReloads = TlsReloads.start("s2s", settings.tls(), configuration.tls().reloadInterval());
        attachmentLinks.start();
    }

    public List<InetSocketAddress> boundAddresses() {
        return server.boundAddresses();
    }

    @PreDestroy
    public void stop() {
        tlsReloads.stop();
        attachmentLinks.stop();
        server.stop();
    }
}
