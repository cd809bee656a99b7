package org.jamesxmpp.listener.c2s;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.c2s.ScramCredentials;

import com.google.common.base.Splitter;

/**
 * SCRAM-SHA-512 keys from what James 3.8.1 stores of a password (pure): its {@code PBKDF2-SHA512[-iterations[-bits]]}
 * algorithm is PBKDF2-HMAC-SHA512 salted with the user name, whose first 64 bytes are SCRAM-SHA-512's
 * {@code SaltedPassword}. Any other algorithm gives none.
 */
final class StoredScramKeys {
    private static final String ALGORITHM = "PBKDF2-SHA512";
    private static final int DEFAULT_ITERATIONS = 1000;

    private StoredScramKeys() {
    }

    /**
     * @param algorithm James's algorithm name ({@code Algorithm.getName()})
     * @param hash the stored hash, base64 with line breaks ({@code DefaultUser.getHashedPassword()})
     * @param userName James's user name, the salt
     */
    static Optional<ScramCredentials> of(String algorithm, String hash, String userName) {
        List<String> parts = Splitter.on('-').splitToList(algorithm);
        if (!algorithm.startsWith(ALGORITHM) || parts.size() < 2 || !"SHA512".equals(parts.get(1)) || parts.size() > 4) {
            return Optional.empty();
        }
        try {
            int iterations = parts.size() >= 3 ? Integer.parseInt(parts.get(2)) : DEFAULT_ITERATIONS;
            byte[] derived = Base64.getMimeDecoder().decode(hash);
            if (iterations <= 0 || derived.length < ScramCredentials.KEY_LENGTH) {
                return Optional.empty();
            }
            return Optional.of(ScramCredentials.fromSaltedPassword(userName.getBytes(StandardCharsets.ISO_8859_1), iterations,
                Arrays.copyOf(derived, ScramCredentials.KEY_LENGTH)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
