package org.jamesxmpp.core.s2s.dialback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialbackKeysTest {
    DialbackKeys testee = new DialbackKeys("s3cr3tf0rd14lb4ck");

    /**
     * Computed independently with the XEP-0185 recipe:
     * {@code printf '%s' 'example.net example.com D60000229F' | openssl dgst -sha256 -hmac "$(printf '%s' SECRET | sha256sum | cut -d' ' -f1)"}.
     */
    @Test
    void keyShouldFollowTheXep0185Recipe() {
        assertThat(testee.key("example.net", "example.com", "D60000229F"))
            .isEqualTo("008c689ff366b50c63d69a3e2d2c0e0e1f8404b0118eb688a0102c87cb691bdc");
    }

    @Test
    void keyShouldBeValidForTheSameInputs() {
        String key = testee.key("a.test", "james.test", "id1");

        assertThat(testee.isValid("a.test", "james.test", "id1", key)).isTrue();
    }

    @Test
    void keyShouldBeInvalidForAnotherStream() {
        String key = testee.key("a.test", "james.test", "id1");

        assertThat(testee.isValid("a.test", "james.test", "id2", key)).isFalse();
    }

    @Test
    void keyShouldBeInvalidForAnotherSecret() {
        String key = new DialbackKeys("other").key("a.test", "james.test", "id1");

        assertThat(testee.isValid("a.test", "james.test", "id1", key)).isFalse();
    }
}
