package org.jamesxmpp.core.s2s;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.codec.XmlElement;

/**
 * What the inbound side needs from the outbound one: settling what we sent when the peer answers it, and sending
 * answers back. Inbound code sees this, never the outgoing streams themselves.
 */
public interface ReturnPath {
    /**
     * An iq result or error came back from {@code remoteDomain}.
     *
     * @return whether it answered one of our pings (then it is nobody else's business)
     */
    boolean pingAnswered(String remoteDomain, String id);

    /**
     * An iq result or error came back from {@code remoteDomain}.
     *
     * @return whether it answered one of our disco#info questions (then it is nobody else's business)
     */
    default boolean iqAnswered(String remoteDomain, String id, XmlElement iq) {
        return false;
    }

    /**
     * An error stanza came back from {@code errorFrom} at {@code remoteDomain} for our stanza {@code id}.
     *
     * @return whether a pending send took the error
     */
    boolean peerError(String remoteDomain, String id, String errorFrom, StanzaErrorException error);

    /** Sends the answer to a peer's ping; nobody waits for it. */
    void answer(DomainPair pair, String from, String to, String xml);

    /** Sends a stanza (e.g. an error reply) towards the peer; completes when the peer acknowledged it. */
    CompletionStage<Void> send(DomainPair pair, Optional<String> id, String from, String to, String xml);
}
