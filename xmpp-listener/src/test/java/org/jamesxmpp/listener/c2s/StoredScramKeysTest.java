package org.jamesxmpp.listener.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.james.core.Username;
import org.apache.james.user.lib.model.Algorithm;
import org.apache.james.user.lib.model.DefaultUser;
import org.jamesxmpp.core.c2s.ScramCredentials;
import org.junit.jupiter.api.Test;

/** SCRAM-SHA-512 keys from hashes James itself made ({@code DefaultUser.setPassword}). */
class StoredScramKeysTest {
    private static final String USER = "bob@james.test";

    private static DefaultUser user(String algorithm) {
        DefaultUser user = new DefaultUser(Username.of(USER), Algorithm.of(algorithm), Algorithm.of(algorithm));
        user.setPassword("secret");
        return user;
    }

    private static Optional<ScramCredentials> keys(DefaultUser user) {
        return StoredScramKeys.of(user.getHashAlgorithm().getName(), user.getHashedPassword(), USER);
    }

    /** RFC 5802's Hi written out with HMAC, apart from PBKDF2, then StoredKey = H(HMAC(SaltedPassword, "Client Key")). */
    private static byte[] storedKey(String password, int iterations) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        byte[] salt = USER.getBytes(StandardCharsets.ISO_8859_1);
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[first.length - 1] = 1;
        byte[] u = mac.doFinal(first);
        byte[] hi = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < hi.length; j++) {
                hi[j] ^= u[j];
            }
        }
        mac.init(new SecretKeySpec(hi, "HmacSHA512"));
        return MessageDigest.getInstance("SHA-512").digest(mac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pbkdf2Sha512HashShouldGiveTheScramKeysOfThePassword() throws Exception {
        assertThat(keys(user("PBKDF2-SHA512"))).get()
            .satisfies(keys -> assertThat(keys.toString()).contains("iterations=1000"))
            .satisfies(keys -> assertThat(keys.storedKey()).isEqualTo(storedKey("secret", 1000)));
    }

    @Test
    void iterationCountShouldBeReadFromTheAlgorithmName() throws Exception {
        assertThat(keys(user("PBKDF2-SHA512-20-512"))).get()
            .satisfies(keys -> assertThat(keys.storedKey()).isEqualTo(storedKey("secret", 20)));
    }

    @Test
    void otherAlgorithmsShouldGiveNoKeys() {
        assertThat(keys(user("SHA-512"))).isEmpty();
        assertThat(keys(user("SHA-256/salted"))).isEmpty();
        assertThat(keys(user("PBKDF2"))).as("PBKDF2-HMAC-SHA1").isEmpty();
        assertThat(keys(user("PBKDF2-SHA512-1000-256"))).as("shorter than SHA-512").isEmpty();
    }
}
