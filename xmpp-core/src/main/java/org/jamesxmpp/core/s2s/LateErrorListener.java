package org.jamesxmpp.core.s2s;

import org.jamesxmpp.core.store.LateErrorTicket;

/**
 * Told when a peer returns a stanza error for a stanza it had already acknowledged: the {@link LateErrorTicket} the
 * sender handed over with the stanza comes back, from the engine's {@link org.jamesxmpp.core.store.LateErrorStore}, so
 * this works after a restart too. Registered per {@link LateErrorTicket#route() route} with
 * {@link StanzaSender#routeLateErrors}. Called on a thread that may block briefly; must not wait long.
 */
@FunctionalInterface
public interface LateErrorListener {
    void lateError(LateErrorTicket ticket, StanzaErrorException error);
}
