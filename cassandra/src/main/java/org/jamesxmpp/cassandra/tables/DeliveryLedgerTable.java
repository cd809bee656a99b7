package org.jamesxmpp.cassandra.tables;

/** The local delivery ledger: when a (mail, recipient) first reached local delivery; rows expire after the window. */
public interface DeliveryLedgerTable {
    String TABLE_NAME = "xmpp_delivery_ledger";

    /** {@link org.jamesxmpp.core.store.DeliveryLedger#keyOf} the mail's name and the recipient. */
    String KEY = "ledger_key";
    String ATTEMPTED_AT = "attempted_at";
}
