package org.jamesxmpp.listener.c2s;

import javax.inject.Inject;

import org.jamesxmpp.core.s2s.InboundStanzaHandler;

/**
 * Stanzas from remote servers for local users also reach the users' online resources, once the inner handler took
 * them (for messages: once the mail is on the spool, so the mailbox has them too). A stanza the inner handler
 * refused (unknown user, refused type) reaches nobody.
 */
public class InboundOnlineDelivery {
    private final OnlineResources onlineResources;

    @Inject
    public InboundOnlineDelivery(OnlineResources onlineResources) {
        this.onlineResources = onlineResources;
    }

    public InboundStanzaHandler decorate(InboundStanzaHandler next) {
        return inbound -> next.handle(inbound)
            .thenRun(() -> onlineResources.deliver(inbound.stanza()));
    }
}
