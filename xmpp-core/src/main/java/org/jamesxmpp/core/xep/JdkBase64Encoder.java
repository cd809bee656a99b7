package org.jamesxmpp.core.xep;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Smack's {@code Base64} has no encoder unless {@code smack-java8} is on the class path and Smack initialized first;
 * XEP-0231 data would then fail with a NullPointerException. This one is always installed.
 */
final class JdkBase64Encoder implements org.jivesoftware.smack.util.stringencoder.Base64.Encoder {
    static final JdkBase64Encoder INSTANCE = new JdkBase64Encoder();

    private JdkBase64Encoder() {
    }

    @Override
    public byte[] decode(String string) {
        return Base64.getMimeDecoder().decode(string);
    }

    @Override
    public String encodeToString(byte[] input) {
        return Base64.getEncoder().encodeToString(input);
    }

    @Override
    public String encodeToStringWithoutPadding(byte[] input) {
        return Base64.getEncoder().withoutPadding().encodeToString(input);
    }

    @Override
    public byte[] encode(byte[] input) {
        return Base64.getEncoder().encodeToString(input).getBytes(StandardCharsets.US_ASCII);
    }
}
