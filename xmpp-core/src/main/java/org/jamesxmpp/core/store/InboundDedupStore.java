package org.jamesxmpp.core.store;

import reactor.core.publisher.Mono;

/**
 * Remembers which inbound stanzas were already turned into mail, for a window, so that a peer re-sending a
 * stanza (after a broken stream, say) does not deliver it twice. Shared by every node of a cluster. A store keeps
 * {@link DedupKey#digest()} (fixed size) and is bounded.
 *
 * <p>A key is claimed before the mail is enqueued, atomically, so that two copies arriving at once are not both
 * delivered; a claim whose enqueue failed is released, so that the peer's retry is delivered.
 */
public interface InboundDedupStore {
    /** Claims {@code key} for the window: true when nobody held it, false for a duplicate. */
    Mono<Boolean> claim(DedupKey key);

    /** Gives up a claim whose mail could not be enqueued. */
    Mono<Void> release(DedupKey key);
}
