package org.jamesxmpp.core.s2s.outbound;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.s2s.DeliveryException;

/** A stanza on its way out, with the future its sender waits on. */
public record PendingStanza(DomainPair pair, Optional<String> id, String from, String to, String xml,
                            CompletableFuture<Void> delivery) {
    public void fail(DeliveryException.Reason reason, String message) {
        delivery.completeExceptionally(new DeliveryException(reason, message));
    }

    public String describe() {
        return "id=" + id.orElse("-") + " from=" + from + " to=" + to;
    }
}
