package org.jamesxmpp.core.store;

import reactor.core.publisher.Mono;

/**
 * Remembers which inbound stanzas were already turned into mail, for a window, so that a peer re-sending a
 * stanza (after a broken stream, say) does not deliver it twice. Shared by every node of a cluster.
 */
public interface InboundDedupStore {
    /** Whether {@code key} was remembered within the window. */
    Mono<Boolean> isKnown(DedupKey key);

    /** Remembers {@code key} for the window; call only once the mail is safely enqueued. */
    Mono<Void> remember(DedupKey key);
}
