package org.jamesxmpp.cassandra.tables;

/**
 * The late-error registry: one row per stanza a peer acknowledged, keyed by the digest of its
 * {@link org.jamesxmpp.core.store.SentStanzaKey}, holding its {@link org.jamesxmpp.core.store.LateErrorTicket}; each row
 * expires after the retention (CQL TTL).
 */
public interface LateErrorTable {
    String TABLE_NAME = "xmpp_late_error";

    String KEY = "stanza_key";
    String ROUTE = "route";
    String MAIL_NAME = "mail_name";
    String SENDER = "sender";
    String RECIPIENT = "recipient";
    String RETRIES = "retries";
    String RETURNED_HEADERS = "returned_headers";
}
