package org.jamesxmpp.cassandra.tables;

/**
 * The rosters of the local users (RFC 6121 2): a partition per user, a row per contact, so that a roster is read, and
 * its items counted, within one partition.
 */
public interface RosterTable {
    String TABLE_NAME = "xmpp_roster";

    String OWNER = "owner";
    String CONTACT = "contact";
    String NAME = "name";
    String GROUPS = "groups";
    String SUBSCRIPTION = "subscription";
    String ASK = "ask";
    String PENDING_IN = "pending_in";
    String LISTED = "listed";
    /** Raised by every change: the condition of the lightweight transaction that makes a change atomic. */
    String VERSION = "version";
}
