package org.jamesxmpp.core.s2s.dialback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;

/**
 * XEP-0185 dialback keys: {@code HMAC-SHA256(hex(SHA256(secret)), receiving + ' ' + originating + ' ' + streamId)},
 * lower-case hex. Stateless, so any node sharing the secret verifies any other node's keys.
 */
public class DialbackKeys {
    private static final String HMAC = "HmacSHA256";

    private final byte[] hmacKey;

    public DialbackKeys(String secret) {
        this.hmacKey = Hashing.sha256().hashString(secret, StandardCharsets.UTF_8).toString()
            .getBytes(StandardCharsets.US_ASCII);
    }

    public String key(String receivingDomain, String originatingDomain, String streamId) {
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

    public boolean isValid(String receivingDomain, String originatingDomain, String streamId, String key) {
        return MessageDigest.isEqual(key(receivingDomain, originatingDomain, streamId).getBytes(StandardCharsets.US_ASCII),
            key.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
