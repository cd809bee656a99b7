package org.jamesxmpp.core.s2s;

import java.util.concurrent.CompletionStage;

/**
 * Receives every stanza of authenticated incoming streams (error stanzas included, e.g. a
 * bounce of a message we sent). Called on an event loop: must not block.
 *
 * <p>Completing normally means the stanza is taken care of: the engine then acknowledges it
 * (XEP-0198). Completing exceptionally with a {@link StanzaErrorException} makes the engine
 * send that stanza error back to the sender; any other failure sends
 * {@code internal-server-error} (type {@code wait}) so that the sender retries.
 */
@FunctionalInterface
public interface InboundStanzaHandler {
    CompletionStage<Void> handle(InboundStanza stanza);
}
