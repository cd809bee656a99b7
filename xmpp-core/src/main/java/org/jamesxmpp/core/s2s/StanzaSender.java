package org.jamesxmpp.core.s2s;

import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.codec.EncodedStanza;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jivesoftware.smack.packet.Stanza;

/** What a component sending stanzas to remote servers (e.g. the delivery mailet) sees of the s2s engine. */
public interface StanzaSender {
    /**
     * Sends a stanza to a remote server: exactly these bytes go on the stream. Its {@code from} must be in one of our domains and its {@code to} in a
     * remote one. Completes when the peer acknowledged it; fails with a {@link DeliveryException} otherwise, with
     * {@link DeliveryException.Reason#STANZA_ERROR} when the peer answered an error first.
     *
     * @param lateErrors told about a stanza error the peer returns for this stanza after it acknowledged it (RFC
     *     6120 8.3: e.g. the recipient does not exist), within the engine's retention
     */
    CompletionStage<Void> send(EncodedStanza stanza, LateErrorListener lateErrors);

    /** Sends a stanza; a stanza error returned after the acknowledgement goes to the inbound handler. */
    default CompletionStage<Void> send(EncodedStanza stanza) {
        return send(stanza, LateErrorListener.NONE);
    }

    /** Sends a stanza, encoded by the engine's codec: see {@link #send(EncodedStanza, LateErrorListener)}. */
    default CompletionStage<Void> send(Stanza stanza) {
        return send(StanzaCodec.encode(stanza));
    }
}
