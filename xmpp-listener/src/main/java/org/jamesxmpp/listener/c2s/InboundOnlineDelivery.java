package org.jamesxmpp.listener.c2s;

import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.jamesxmpp.core.s2s.InboundStanzaHandler;
import org.jivesoftware.smack.packet.Presence;

/**
 * Stanzas from remote servers for local users also reach the users' online resources, once the inner handler took
 * them (for messages: once the mail is on the spool, so the mailbox has them too). A stanza the inner handler
 * refused (unknown user, refused type) reaches nobody. Presence goes through {@link LocalPresences} (subscriptions
 * change the roster, probes are answered).
 */
public class InboundOnlineDelivery {
    private final OnlineResources onlineResources;
    private final LocalPresences localPresences;

    @Inject
    public InboundOnlineDelivery(OnlineResources onlineResources, LocalPresences localPresences) {
        this.onlineResources = onlineResources;
        this.localPresences = localPresences;
    }

    public InboundStanzaHandler decorate(InboundStanzaHandler next) {
        return inbound -> next.handle(inbound)
            .thenCompose(any -> inbound.stanza() instanceof Presence presence
                ? localPresences.receive(presence).toFuture()
                : CompletableFuture.runAsync(() -> onlineResources.deliver(inbound.stanza()), Runnable::run));
    }
}
