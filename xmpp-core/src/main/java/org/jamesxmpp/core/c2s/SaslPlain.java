package org.jamesxmpp.core.c2s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * RFC 4616 PLAIN: {@code [authzid] NUL authcid NUL passwd}, base64 in {@code <auth/>}. The authentication identity
 * is a local part, or a bare JID of the stream's domain; an authorization identity, if any, must name the same user.
 */
record SaslPlain(String localPart, String password) {
    static final String MECHANISM = "PLAIN";
    private static final int MAX_PART_LENGTH = 1023;

    /** Empty when the response is malformed or names another user or domain. */
    static Optional<SaslPlain> decode(String base64, String domain) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] parts = decoded.split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()
            || parts[1].length() > MAX_PART_LENGTH || parts[2].length() > MAX_PART_LENGTH) {
            return Optional.empty();
        }
        Optional<String> localPart = localPart(parts[1], domain);
        if (localPart.isEmpty()) {
            return Optional.empty();
        }
        if (!parts[0].isEmpty() && !localPart(parts[0], domain).equals(localPart)) {
            return Optional.empty();
        }
        return Optional.of(new SaslPlain(localPart.get(), parts[2]));
    }

    /** The local part {@code identity} names: itself, or that of a bare JID of {@code domain}; empty for another domain. */
    static Optional<String> localPart(String identity, String domain) {
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            return Optional.of(identity);
        }
        if (!identity.substring(at + 1).equalsIgnoreCase(domain) || at == 0) {
            return Optional.empty();
        }
        return Optional.of(identity.substring(0, at));
    }

    @Override
    public String toString() {
        return "SaslPlain[localPart=" + localPart + ", password=***]";
    }
}
