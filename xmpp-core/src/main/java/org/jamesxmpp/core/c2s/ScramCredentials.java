package org.jamesxmpp.core.c2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.common.base.Preconditions;

/**
 * What the server keeps of a user for SCRAM-SHA-512 (RFC 5802 3): the salt, the iteration count and the two keys
 * derived from {@code SaltedPassword}; never the password.
 */
public final class ScramCredentials {
    static final String HMAC = "HmacSHA512";
    static final String HASH = "SHA-512";
    public static final int KEY_LENGTH = 64;

    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        this.salt = salt.clone();
        this.iterations = iterations;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
    }

    /** From {@code SaltedPassword = Hi(password, salt, iterations)}, of {@value #KEY_LENGTH} bytes. */
    public static ScramCredentials fromSaltedPassword(byte[] salt, int iterations, byte[] saltedPassword) {
        Preconditions.checkArgument(saltedPassword.length == KEY_LENGTH, "SaltedPassword of %s bytes", saltedPassword.length);
        Preconditions.checkArgument(iterations > 0, "iterations must be positive: %s", iterations);
        try {
            byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
            return new ScramCredentials(salt, iterations, MessageDigest.getInstance(HASH).digest(clientKey),
                hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(key, HMAC));
        return mac.doFinal(data);
    }

    public byte[] salt() {
        return salt.clone();
    }

    public int iterations() {
        return iterations;
    }

    public byte[] storedKey() {
        return storedKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + ", keys=***]";
    }
}
