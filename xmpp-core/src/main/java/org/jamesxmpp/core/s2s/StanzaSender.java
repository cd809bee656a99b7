package org.jamesxmpp.core.s2s;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.codec.EncodedStanza;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jivesoftware.smack.packet.Stanza;

/** What a component sending stanzas to remote servers (e.g. the delivery mailet) sees of the s2s engine. */
public interface StanzaSender {
    /**
     * Sends a stanza to a remote server: exactly these bytes go on the stream. Its {@code from} must be in one of our domains and its {@code to} in a
     * remote one. Completes when the peer acknowledged it; fails with a {@link DeliveryException} otherwise, with
     * {@link DeliveryException.Reason#STANZA_ERROR} when the peer answered an error first.
     *
     * @param lateErrors kept once the peer acknowledged the stanza (in the engine's late-error store, within its
     *     retention): a stanza error the peer returns for it later (RFC 6120 8.3: e.g. the recipient does not exist)
     *     goes with it to the listener registered for its route
     */
    CompletionStage<Void> send(EncodedStanza stanza, Optional<LateErrorTicket> lateErrors);

    /** Sends a stanza; a stanza error returned after the acknowledgement goes to the inbound handler. */
    default CompletionStage<Void> send(EncodedStanza stanza) {
        return send(stanza, Optional.empty());
    }

    /**
     * Late errors of the stanzas sent with a ticket of {@code route} go to {@code listener} from now on (the last
     * registration of a route wins). A sender that keeps no late errors (a test double) ignores it.
     */
    default void routeLateErrors(String route, LateErrorListener listener) {
    }

    /** Sends a stanza, encoded by the engine's codec: see {@link #send(EncodedStanza, Optional)}. */
    default CompletionStage<Void> send(Stanza stanza) {
        return send(StanzaCodec.encode(stanza));
    }
}
