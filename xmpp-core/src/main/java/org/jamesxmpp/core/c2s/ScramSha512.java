package org.jamesxmpp.core.c2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of SCRAM-SHA-512 without channel binding (RFC 5802, the hash of draft-melnikov-scram-sha-512), pure:
 * the client's first message is parsed ({@link #parse}), answered with our first message ({@link #challenge}), and the
 * client's final message checked against the user's keys ({@link Challenge#verify}), which yields our final message.
 */
final class ScramSha512 {
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final int MAX_LENGTH = 4096;

    private ScramSha512() {
    }

    /**
     * The client's first message: {@code gs2Header} ({@code n,,} or {@code y,,}: no channel binding, no authorization
     * identity other than the user), the user's local part, and the client's nonce.
     */
    record ClientFirst(String gs2Header, String bare, String localPart, String nonce) {
    }

    /** Empty when malformed, asking for channel binding or another identity, or naming another domain. */
    static Optional<ClientFirst> parse(String message, String domain) {
        if (message.length() > MAX_LENGTH || !(message.startsWith("n,") || message.startsWith("y,"))) {
            return Optional.empty();
        }
        int second = message.indexOf(',', 2);
        if (second < 0) {
            return Optional.empty();
        }
        String authzid = message.substring(2, second);
        String bare = message.substring(second + 1);
        String[] attributes = bare.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")
            || attributes[1].length() < 3 || attributes[1].indexOf(',') >= 0) {
            return Optional.empty();
        }
        Optional<String> localPart = saslName(attributes[0].substring(2)).flatMap(name -> SaslPlain.localPart(name, domain));
        if (localPart.isEmpty()) {
            return Optional.empty();
        }
        if (!authzid.isEmpty() && !(authzid.startsWith("a=")
            && saslName(authzid.substring(2)).flatMap(name -> SaslPlain.localPart(name, domain)).equals(localPart))) {
            return Optional.empty();
        }
        return Optional.of(new ClientFirst(message.substring(0, second + 1), bare, localPart.get(), attributes[1].substring(2)));
    }

    /** Our answer to {@code first}, with {@code serverNonce} (random, printable, no comma) appended to the client's. */
    static Challenge challenge(ClientFirst first, ScramCredentials credentials, String serverNonce) {
        String nonce = first.nonce() + serverNonce;
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt()) + ",i="
            + credentials.iterations();
        return new Challenge(first, serverFirst, nonce, credentials);
    }

    /** A sent challenge, waiting for the client's final message. */
    record Challenge(ClientFirst first, String serverFirst, String nonce, ScramCredentials credentials) {
        /** Our final message ({@code v=...}) when the client proved it knows the password; empty otherwise. */
        Optional<String> verify(String clientFinal) {
            int proofAt = clientFinal.lastIndexOf(",p=");
            if (clientFinal.length() > MAX_LENGTH || proofAt < 0) {
                return Optional.empty();
            }
            String withoutProof = clientFinal.substring(0, proofAt);
            String expectedBinding = "c=" + Base64.getEncoder().encodeToString(first.gs2Header().getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
            if (!withoutProof.equals(expectedBinding) && !withoutProof.startsWith(expectedBinding + ",")) {
                return Optional.empty();
            }
            try {
                byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
                byte[] authMessage = (first.bare() + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
                byte[] clientSignature = ScramCredentials.hmac(credentials.storedKey(), authMessage);
                if (proof.length != clientSignature.length) {
                    return Optional.empty();
                }
                byte[] clientKey = new byte[proof.length];
                for (int i = 0; i < proof.length; i++) {
                    clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
                }
                if (!MessageDigest.isEqual(MessageDigest.getInstance(ScramCredentials.HASH).digest(clientKey), credentials.storedKey())) {
                    return Optional.empty();
                }
                return Optional.of("v=" + Base64.getEncoder().encodeToString(ScramCredentials.hmac(credentials.serverKey(), authMessage)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** RFC 5802 saslname: {@code =2C} is a comma, {@code =3D} an equals sign, no other {@code =}. */
    private static Optional<String> saslName(String value) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '=') {
                name.append(c);
            } else if (value.startsWith("=2C", i)) {
                name.append(',');
                i += 2;
            } else if (value.startsWith("=3D", i)) {
                name.append('=');
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return name.length() == 0 ? Optional.empty() : Optional.of(name.toString());
    }
}
