package org.jamesxmpp.core.s2s.dialback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jamesxmpp.core.store.DialbackSecret;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;

/**
 * XEP-0185 dialback keys: {@code HMAC-SHA256(hex(SHA256(secret)), receiving + ' ' + originating + ' ' + streamId)},
 * lower-case hex. Stateless but for the secret, so any node sharing the secrets verifies any other node's keys: new
 * keys are made with the ring's signing generation, and a key made with any generation still verifying is valid.
 */
public class DialbackKeys {
    private static final String HMAC = "HmacSHA256";

    private final Supplier<DialbackSecretRing> ring;
    private final Clock clock;

    public DialbackKeys(String secret) {
        this(() -> DialbackSecretRing.fixed(secret), Clock.systemUTC());
    }

    public DialbackKeys(Supplier<DialbackSecretRing> ring, Clock clock) {
        this.ring = ring;
        this.clock = clock;
    }

    public String key(String receivingDomain, String originatingDomain, String streamId) {
        return key(ring.get().signing(clock.instant()), receivingDomain, originatingDomain, streamId);
    }

    public boolean isValid(String receivingDomain, String originatingDomain, String streamId, String key) {
        byte[] given = key.trim().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (DialbackSecret secret : ring.get().verifying(clock.instant())) {
            // every generation is compared, so the time taken does not tell which one matched
            valid |= MessageDigest.isEqual(key(secret, receivingDomain, originatingDomain, streamId)
                .getBytes(StandardCharsets.US_ASCII), given);
        }
        return valid;
    }

    private static String key(DialbackSecret secret, String receivingDomain, String originatingDomain, String streamId) {
        byte[] hmacKey = Hashing.sha256().hashString(secret.secret(), StandardCharsets.UTF_8).toString()
            .getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(hmacKey, HMAC));
            byte[] digest = mac.doFinal((receivingDomain + ' ' + originatingDomain + ' ' + streamId)
                .getBytes(StandardCharsets.UTF_8));
            return BaseEncoding.base16().lowerCase().encode(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
