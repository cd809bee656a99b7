package org.jamesxmpp.cassandra;

import org.jamesxmpp.core.store.DedupKey;

/**
 * The one place where a {@link DedupKey} becomes the partition key of {@code xmpp_inbound_dedup}: its fixed-size
 * digest (SHA-256 over every length-prefixed component), as the memory store keeps it.
 */
final class DedupKeys {
    private DedupKeys() {
    }

    static String partitionKey(DedupKey key) {
        return key.digest();
    }
}
