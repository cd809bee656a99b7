package org.jamesxmpp.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.google.common.base.Preconditions;
import com.google.common.hash.Hashing;

/**
 * Identifies one stanza we sent and the peer acknowledged: the remote domain, the stanza id and the bare recipient (an
 * error comes from the address the stanza went to, RFC 6120 8.3.1; the copies of one mail to several recipients share
 * an id). Built with {@link #of}, which lower-cases domain and JID, drops the resource, and replaces an id longer than
 * {@value #MAX_ID_LENGTH} characters by its SHA-256, so that a store keeps bounded keys.
 */
public record SentStanzaKey(String remoteDomain, String stanzaId, String bareRecipient) {
    public static final int MAX_ID_LENGTH = DedupKey.MAX_ID_LENGTH;
    public static final int MAX_JID_LENGTH = 3071;
    private static final String HASHED_ID_PREFIX = "sha-256:";

    public SentStanzaKey {
        Preconditions.checkArgument(!remoteDomain.isBlank(), "remote domain must not be blank");
        Preconditions.checkArgument(!stanzaId.isBlank(), "stanza id must not be blank");
        Preconditions.checkArgument(stanzaId.length() <= MAX_ID_LENGTH, "stanza id longer than %s characters", MAX_ID_LENGTH);
        Preconditions.checkArgument(!bareRecipient.isBlank(), "recipient must not be blank");
        Preconditions.checkArgument(bareRecipient.length() <= MAX_JID_LENGTH && remoteDomain.length() <= MAX_JID_LENGTH,
            "JID longer than %s characters", MAX_JID_LENGTH);
    }

    public static SentStanzaKey of(String remoteDomain, String stanzaId, String jid) {
        int slash = jid.indexOf('/');
        String bare = slash < 0 ? jid : jid.substring(0, slash);
        String id = stanzaId.length() > MAX_ID_LENGTH
            ? HASHED_ID_PREFIX + Hashing.sha256().hashString(stanzaId, StandardCharsets.UTF_8)
            : stanzaId;
        return new SentStanzaKey(remoteDomain.toLowerCase(Locale.ROOT), id, bare.toLowerCase(Locale.ROOT));
    }

    /** The SHA-256 of every part (hex, 64 characters): what a database keys on. */
    public String digest() {
        var hasher = Hashing.sha256().newHasher();
        for (String part : new String[] {remoteDomain, stanzaId, bareRecipient}) {
            hasher.putInt(part.length()).putString(part, StandardCharsets.UTF_8);
        }
        return hasher.hash().toString();
    }
}
