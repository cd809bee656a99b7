package org.jamesxmpp.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.google.common.base.Preconditions;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/**
 * Identifies one message stanza for duplicate detection: who sent it (bare JID) to whom (bare JID), the id the sender
 * gave it (XEP-0359 origin-id when present, else the stanza id), and a digest of what it says. So a sender that reuses
 * an id, for the copies of one mail to several of our users or because its counter restarted, is not taken for a
 * duplicate: only the same message to the same user again is.
 *
 * <p>Built with {@link #of}, which lower-cases the JIDs and replaces an id longer than {@value #MAX_ID_LENGTH}
 * characters by its SHA-256. A store keeps {@link #digest()}, of fixed size whatever the input.
 *
 * @param contentDigest a digest of the message content, computed by the caller (e.g. hex SHA-256)
 */
public record DedupKey(String senderBareJid, String recipientBareJid, String stanzaId, String contentDigest) {
    public static final int MAX_ID_LENGTH = 256;
    private static final String HASHED_ID_PREFIX = "sha-256:";

    public DedupKey {
        Preconditions.checkArgument(!senderBareJid.isBlank(), "sender must not be blank");
        Preconditions.checkArgument(!recipientBareJid.isBlank(), "recipient must not be blank");
        Preconditions.checkArgument(!stanzaId.isBlank(), "stanza id must not be blank");
        Preconditions.checkArgument(stanzaId.length() <= MAX_ID_LENGTH, "stanza id longer than %s characters",
            MAX_ID_LENGTH);
        Preconditions.checkArgument(!contentDigest.isBlank(), "content digest must not be blank");
    }

    public static DedupKey of(String senderBareJid, String recipientBareJid, String stanzaId, String contentDigest) {
        String id = stanzaId.length() > MAX_ID_LENGTH
            ? HASHED_ID_PREFIX + Hashing.sha256().hashString(stanzaId, StandardCharsets.UTF_8)
            : stanzaId;
        return new DedupKey(senderBareJid.toLowerCase(Locale.ROOT), recipientBareJid.toLowerCase(Locale.ROOT), id,
            contentDigest);
    }

    /** The SHA-256 of every part (hex, 64 characters): what a store keeps. */
    public String digest() {
        Hasher hasher = Hashing.sha256().newHasher();
        for (String part : new String[] {senderBareJid, recipientBareJid, stanzaId, contentDigest}) {
            hasher.putInt(part.length()).putString(part, StandardCharsets.UTF_8);
        }
        return hasher.hash().toString();
    }
}
