package org.jamesxmpp.cassandra.tables;

/**
 * The dialback secret (XEP-0185) of the cluster, one row per generation in one partition, newest first (clustering
 * order): the newest few are read with a {@code LIMIT}, never a scan.
 */
public interface DialbackSecretTable {
    String TABLE_NAME = "xmpp_dialback_secrets";

    String RING = "ring";
    String GENERATION = "generation";
    String SECRET = "secret";
    String CREATED_AT = "created_at";

    /** The one partition: the cluster's secrets. */
    String CLUSTER = "cluster";
}
