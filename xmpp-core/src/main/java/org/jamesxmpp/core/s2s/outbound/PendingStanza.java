package org.jamesxmpp.core.s2s.outbound;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;

/**
 * A stanza on its way out, with the future its sender waits on.
 *
 * @param attempt how many streams it was queued on before, never written to any of them
 * @param awaitsAck whether it is delivered only once the peer acknowledged it; false for the answer to a ping,
 *     which a peer without XEP-0198 would otherwise have to confirm with a ping of our own, and so on
 */
public record PendingStanza(DomainPair pair, Optional<String> id, String from, String to, String xml,
                            CompletableFuture<Void> delivery, int attempt, boolean awaitsAck) {
    public PendingStanza(DomainPair pair, Optional<String> id, String from, String to, String xml,
                         CompletableFuture<Void> delivery) {
        this(pair, id, from, to, xml, delivery, 0);
    }

    public PendingStanza(DomainPair pair, Optional<String> id, String from, String to, String xml,
                         CompletableFuture<Void> delivery, int attempt) {
        this(pair, id, from, to, xml, delivery, attempt, true);
    }

    /** The same stanza, to be queued on a new stream. */
    public PendingStanza requeued() {
        return new PendingStanza(pair, id, from, to, xml, delivery, attempt + 1, awaitsAck);
    }

    public void fail(DeliveryException.Reason reason, String message) {
        delivery.completeExceptionally(new DeliveryException(reason, message));
    }

    public String describe() {
        return "id=" + LogSafe.of(id.orElse("-")) + " from=" + LogSafe.of(from) + " to=" + LogSafe.of(to);
    }
}
