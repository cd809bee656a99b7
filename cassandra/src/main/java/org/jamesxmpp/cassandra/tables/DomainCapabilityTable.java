package org.jamesxmpp.cassandra.tables;

/** What a peer domain announced to one of ours (disco#info features kept), one row per pair; rows expire after the TTL. */
public interface DomainCapabilityTable {
    String TABLE_NAME = "xmpp_domain_capabilities";

    String DOMAIN = "domain";
    String ASKER = "asker";
    String FEATURES = "features";
    String STORED_AT = "stored_at";
    /** The TTL's end, so that a reader never takes a row whose TTL ran out by its clock but not yet by Cassandra's. */
    String EXPIRES_AT = "expires_at";
}
