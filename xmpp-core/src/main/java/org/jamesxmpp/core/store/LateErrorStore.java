package org.jamesxmpp.core.store;

import reactor.core.publisher.Mono;

/**
 * The registry of stanzas a peer acknowledged, kept for a late stanza error (RFC 6120 8.3: the peer's server accepted
 * the stanza, then its recipient turned out not to exist, say): such an error is matched by {@link SentStanzaKey} to
 * the {@link LateErrorTicket} that turns it into a DSN. Bounded in age and size ({@link LateErrorRetention}); a
 * persistent implementation lets an error for a stanza sent before a restart still reach the sender.
 */
public interface LateErrorStore {
    /** Keeps {@code ticket} for {@code key} for the retention; a ticket already kept for the key is replaced. */
    Mono<Void> remember(SentStanzaKey key, LateErrorTicket ticket);

    /** The ticket of {@code key}, removed: a second error for the same stanza finds nothing. Empty when unknown or expired. */
    Mono<LateErrorTicket> take(SentStanzaKey key);
}
