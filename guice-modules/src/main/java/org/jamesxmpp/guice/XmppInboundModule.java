package org.jamesxmpp.guice;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.s2s.InboundStanzaHandler;
import org.jamesxmpp.listener.c2s.InboundOnlineDelivery;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.listener.inbound.InboundMailHandler;
import org.jamesxmpp.listener.inbound.InboundSettings;
import org.jamesxmpp.listener.inbound.SpoolEnqueuer;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Inbound stanzas become mail on James's spool (and reach the recipient's online client resources). Errors for
 * stanzas we sent never get here: the engine hands them to the sender (see {@code XmppRemoteDelivery}).
 */
public class XmppInboundModule extends AbstractModule {
    private static final String HOST_NAME = "[A-Za-z0-9.-]+";

    @Override
    protected void configure() {
        bind(InboundMailHandler.class).in(Singleton.class);
        bind(SpoolEnqueuer.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    InboundStanzaHandler inboundStanzaHandler(InboundMailHandler inboundMailHandler, InboundOnlineDelivery onlineDelivery) {
        return onlineDelivery.decorate(inboundMailHandler);
    }

    @Provides
    @Singleton
    InboundSettings inboundSettings(XmppConfiguration configuration, MappingOptions mappingOptions) {
        return new InboundSettings(configuration.acceptedTypes(), receivingHost(), mappingOptions);
    }

    private static String receivingHost() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches(HOST_NAME) ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
