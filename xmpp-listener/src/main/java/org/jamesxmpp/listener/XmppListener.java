package org.jamesxmpp.listener;

import java.net.InetSocketAddress;
import java.util.List;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.lifecycle.api.Startable;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.listener.attachments.AttachmentLinks;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The James component of the bridge: starts the s2s engine on the {@code xmpp.xml} bind addresses (unless the
 * file says {@code enabled="false"}), and the attachment link server when {@code attachments} configures one; stops
 * them with James.
 */
@Singleton
public class XmppListener implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(XmppListener.class);

    private final XmppConfiguration configuration;
    private final S2sServer server;
    private final AttachmentLinks attachmentLinks;

    @Inject
    public XmppListener(XmppConfiguration configuration, S2sServer server, AttachmentLinks attachmentLinks) {
        this.configuration = configuration;
        this.server = server;
        this.attachmentLinks = attachmentLinks;
    }

    public void start() {
        if (!configuration.enabled()) {
            LOGGER.info("XMPP s2s listener disabled by xmpp.xml");
            return;
        }
        server.start();
        LOGGER.info("XMPP s2s listener started on {}", server.boundAddresses());
        attachmentLinks.start();
    }

    public List<InetSocketAddress> boundAddresses() {
        return server.boundAddresses();
    }

    @PreDestroy
    public void stop() {
        attachmentLinks.stop();
        server.stop();
    }
}
