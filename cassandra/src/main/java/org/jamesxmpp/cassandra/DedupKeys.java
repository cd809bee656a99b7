package org.jamesxmpp.cassandra;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jamesxmpp.core.store.DedupKey;

/**
 * The one place where a {@link DedupKey} becomes the partition key of {@code xmpp_inbound_dedup}: every component,
 * length-prefixed so that no two keys encode alike. A component added to {@code DedupKey} is added here only; the
 * table does not change (claims in the old encoding simply expire).
 */
final class DedupKeys {
    private DedupKeys() {
    }

    static String partitionKey(DedupKey key) {
        return Stream.of(key.senderBareJid(), key.stanzaId())
            .map(component -> component.length() + ":" + component)
            .collect(Collectors.joining("|"));
    }
}
