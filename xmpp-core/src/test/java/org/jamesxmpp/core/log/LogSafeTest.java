package org.jamesxmpp.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void lineBreaksShouldBeEscaped() {
        assertThat(LogSafe.of("m1\r\n12:00:00.000 INFO  Accepted forged")).hasToString("m1\\r\\n12:00:00.000 INFO  Accepted forged");
    }

    @Test
    void otherControlCharactersShouldBeEscaped() {
        assertThat(LogSafe.of("a\tb\u0000c\u001b[31md\u0085e\u2028f\u2029g")).hasToString("a\\tb\\u0000c\\u001b[31md\\u0085e\\u2028f\\u2029g");
    }

    @Test
    void backslashShouldBeEscapedSoThatEscapesCannotBeForged() {
        assertThat(LogSafe.of("a\\nb")).hasToString("a\\\\nb");
    }

    @Test
    void plainValueShouldBeUnchanged() {
        assertThat(LogSafe.of("alice@a.test/Grüße 😀")).hasToString("alice@a.test/Grüße 😀");
    }

    @Test
    void nullAndOptionalsShouldBeShownLikeSlf4jDoes() {
        assertThat(LogSafe.of(null)).hasToString("null");
        assertThat(LogSafe.of(Optional.of("x\ny"))).hasToString("Optional[x\\ny]");
    }

    @Test
    void veryLongValueShouldBeCutWithAMark() {
        assertThat(LogSafe.of("x".repeat(5000)).toString()).hasSize(LogSafe.MAX_LENGTH + 3).endsWith("x...");
    }

    @Test
    void valueShouldBeRenderedOnlyWhenLogged() {
        Object lazy = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("rendered");
            }
        };

        LogSafe.of(lazy);
    }
}
