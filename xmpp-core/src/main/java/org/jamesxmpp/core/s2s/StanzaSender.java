package org.jamesxmpp.core.s2s;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    /**
     * Sends an XEP-0033 multicast stanza: its {@code to} is a remote domain whose server is a multicast service, its
     * {@code <addresses/>} names {@code recipients} (bare JIDs of that domain) without {@code delivered}. One completion
     * per recipient, failing with {@link DeliveryException.Reason#STANZA_ERROR} when that address (or the domain, for
     * the whole stanza) answers an error; each recipient's ticket takes the late errors of its address.
     */
    default Map<String, CompletionStage<Void>> sendMulticast(EncodedStanza stanza,
                                                             Map<String, Optional<LateErrorTicket>> recipients) {
        CompletionStage<Void> sent = send(stanza);
        Map<String, CompletionStage<Void>> each = new LinkedHashMap<>();
        recipients.keySet().forEach(recipient -> each.put(recipient, sent));
        return each;
    }

    /**
     * The XEP-0030 disco#info features ({@code var}s) the server of {@code remoteDomain} announces to our
     * {@code localDomain}; empty when it answers an error or nothing within the engine's response timeout. Asked anew
     * at each call: callers cache.
     */
    default CompletionStage<Set<String>> discoFeatures(String localDomain, String remoteDomain) {
        return CompletableFuture.completedFuture(Set.of());
    }

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
