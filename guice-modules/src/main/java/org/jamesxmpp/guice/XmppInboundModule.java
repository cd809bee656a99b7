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
import org.jamesxmpp.mailets.remote.delivery.LateStanzaErrors;
import org.jamesxmpp.mailets.remote.delivery.SentStanzas;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Inbound stanzas become mail on James's spool (and reach the recipient's online client resources); late errors for
 * stanzas we sent become DSNs.
 */
public class XmppInboundModule extends AbstractModule {
    private static final String HOST_NAME = "[A-Za-z0-9.-]+";

    @Override
    protected void configure() {
        bind(InboundMailHandler.class).in(Singleton.class);
        bind(SpoolEnqueuer.class).in(Singleton.class);
        bind(SentStanzas.class).in(Singleton.class);
        bind(LateStanzaErrors.class).in(Singleton.class);
    }

    /** Errors a peer returns after it accepted one of our stanzas become DSNs; everything else may become mail. */
    @Provides
    @Singleton
    InboundStanzaHandler inboundStanzaHandler(LateStanzaErrors lateStanzaErrors, InboundMailHandler inboundMailHandler,
                                              InboundOnlineDelivery onlineDelivery) {
        return lateStanzaErrors.decorate(onlineDelivery.decorate(inboundMailHandler));
    }

    @Provides
    @Singleton
    InboundSettings inboundSettings(XmppConfiguration configuration) {
        return new InboundSettings(configuration.acceptedTypes(), receivingHost(),
            MappingOptions.defaults().withOriginalMimePeers(configuration.originalMimeFrom()));
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
