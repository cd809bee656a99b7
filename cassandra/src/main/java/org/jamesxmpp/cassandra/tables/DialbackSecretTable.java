package org.jamesxmpp.cassandra.tables;

/** The dialback secret (XEP-0185) of the cluster: one row, written once. */
public interface DialbackSecretTable {
    String TABLE_NAME = "xmpp_dialback_secret";

    String NAME = "name";
    String SECRET = "secret";
    String CREATED_AT = "created_at";

    /** The row holding the secret in use. */
    String CURRENT = "current";
}
