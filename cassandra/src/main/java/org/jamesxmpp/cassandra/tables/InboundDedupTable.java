package org.jamesxmpp.cassandra.tables;

/** Claims of inbound stanzas already turned into mail; each row expires after the dedup window (CQL TTL). */
public interface InboundDedupTable {
    String TABLE_NAME = "xmpp_inbound_dedup";

    /** The whole {@link org.jamesxmpp.core.store.DedupKey}, encoded by {@code DedupKeys}. */
    String KEY = "dedup_key";
    String CLAIMED_AT = "claimed_at";
}
