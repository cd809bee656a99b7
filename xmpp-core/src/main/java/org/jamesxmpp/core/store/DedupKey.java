package org.jamesxmpp.core.store;

import com.google.common.base.Preconditions;

/**
 * Identifies one message stanza for duplicate detection: the sender's bare JID and the id it gave the stanza
 * (XEP-0359 origin-id when present, else the stanza id).
 */
public record DedupKey(String senderBareJid, String stanzaId) {
    public DedupKey {
        Preconditions.checkArgument(!senderBareJid.isBlank(), "sender must not be blank");
        Preconditions.checkArgument(!stanzaId.isBlank(), "stanza id must not be blank");
    }
}
