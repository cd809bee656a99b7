package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

class ScramSha512Test {
    private static final String DOMAIN = "james.test";
    private static final byte[] SALT = "bob@james.test".getBytes(StandardCharsets.ISO_8859_1);
    private static final String CLIENT_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";
    private static final String FIRST = "n,,n=bob,r=" + CLIENT_NONCE;

    private static byte[] hi(String password, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
            .generateSecret(new PBEKeySpec(password.toCharArray(), SALT, iterations, 512)).getEncoded();
    }

    private static ScramCredentials credentials() throws Exception {
        return ScramCredentials.fromSaltedPassword(SALT, 1000, hi("secret", 1000));
    }

    /** The client side of RFC 5802 3, written from the RFC apart from the server's code. */
    private static String clientFinal(String password, String gs2Header, String clientFirstBare, String serverFirst, String nonce)
        throws Exception {
        byte[] saltedPassword = hi(password, 1000);
        byte[] clientKey = ScramCredentials.hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance("SHA-512").digest(clientKey);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        byte[] signature = ScramCredentials.hmac(storedKey, (clientFirstBare + "," + serverFirst + "," + withoutProof)
            .getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    private static String serverSignature(String password, String authMessage) throws Exception {
        byte[] serverKey = ScramCredentials.hmac(hi(password, 1000), "Server Key".getBytes(StandardCharsets.UTF_8));
        return "v=" + Base64.getEncoder().encodeToString(ScramCredentials.hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void clientKnowingThePasswordShouldBeAcceptedWithTheServerSignature() throws Exception {
        ScramSha512.ClientFirst first = ScramSha512.parse(FIRST, DOMAIN).orElseThrow();
        ScramSha512.Challenge challenge = ScramSha512.challenge(first, credentials(), SERVER_NONCE);

        assertThat(challenge.serverFirst()).isEqualTo("r=" + CLIENT_NONCE + SERVER_NONCE + ",s="
            + Base64.getEncoder().encodeToString(SALT) + ",i=1000");
        String clientFinal = clientFinal("secret", "n,,", first.bare(), challenge.serverFirst(), CLIENT_NONCE + SERVER_NONCE);
        String authMessage = first.bare() + "," + challenge.serverFirst() + "," + clientFinal.substring(0, clientFinal.lastIndexOf(",p="));

        assertThat(challenge.verify(clientFinal)).contains(serverSignature("secret", authMessage));
    }

    @Test
    void wrongPasswordShouldBeRefused() throws Exception {
        ScramSha512.ClientFirst first = ScramSha512.parse(FIRST, DOMAIN).orElseThrow();
        ScramSha512.Challenge challenge = ScramSha512.challenge(first, credentials(), SERVER_NONCE);

        assertThat(challenge.verify(clientFinal("wrong", "n,,", first.bare(), challenge.serverFirst(),
            CLIENT_NONCE + SERVER_NONCE))).isEmpty();
    }

    @Test
    void anotherNonceShouldBeRefused() throws Exception {
        ScramSha512.ClientFirst first = ScramSha512.parse(FIRST, DOMAIN).orElseThrow();
        ScramSha512.Challenge challenge = ScramSha512.challenge(first, credentials(), SERVER_NONCE);

        assertThat(challenge.verify(clientFinal("secret", "n,,", first.bare(), challenge.serverFirst(),
            CLIENT_NONCE + "other"))).isEmpty();
    }

    @Test
    void anotherGs2HeaderInTheFinalMessageShouldBeRefused() throws Exception {
        ScramSha512.ClientFirst first = ScramSha512.parse(FIRST, DOMAIN).orElseThrow();
        ScramSha512.Challenge challenge = ScramSha512.challenge(first, credentials(), SERVER_NONCE);

        assertThat(challenge.verify(clientFinal("secret", "y,,", first.bare(), challenge.serverFirst(),
            CLIENT_NONCE + SERVER_NONCE))).isEmpty();
    }

    @Test
    void clientFirstShouldNameTheLocalPartOrTheBareJidOfTheDomain() {
        assertThat(ScramSha512.parse("n,,n=bob,r=abc", DOMAIN)).get().extracting(ScramSha512.ClientFirst::localPart)
            .isEqualTo("bob");
        assertThat(ScramSha512.parse("y,,n=bob@james.test,r=abc", DOMAIN)).get().extracting(ScramSha512.ClientFirst::localPart)
            .isEqualTo("bob");
        assertThat(ScramSha512.parse("n,,n=b=3Dob=2Cx,r=abc", DOMAIN)).get().extracting(ScramSha512.ClientFirst::localPart)
            .isEqualTo("b=ob,x");
        assertThat(ScramSha512.parse("n,a=bob@james.test,n=bob,r=abc", DOMAIN)).isPresent();
    }

    @Test
    void malformedOrForeignClientFirstShouldBeRefused() {
        assertThat(ScramSha512.parse("p=tls-unique,,n=bob,r=abc", DOMAIN)).as("channel binding").isEmpty();
        assertThat(ScramSha512.parse("n,a=carol,n=bob,r=abc", DOMAIN)).as("another identity").isEmpty();
        assertThat(ScramSha512.parse("n,,n=bob@other.test,r=abc", DOMAIN)).as("another domain").isEmpty();
        assertThat(ScramSha512.parse("n,,n=b=ob,r=abc", DOMAIN)).as("bad saslname").isEmpty();
        assertThat(ScramSha512.parse("n,,r=abc", DOMAIN)).as("no name").isEmpty();
        assertThat(ScramSha512.parse("n,,n=bob,r=", DOMAIN)).as("no nonce").isEmpty();
        assertThat(ScramSha512.parse("n,,n=bob", DOMAIN)).isEmpty();
    }
}
