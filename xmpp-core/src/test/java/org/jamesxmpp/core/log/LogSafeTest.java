package org.jamesxmpp.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void exceptionShouldKeepItsFramesCausesAndSuppressedWithEscapedMessages() {
        IllegalStateException original = new IllegalStateException("a\r\nforged", new java.io.IOException("b\nc"));
        original.addSuppressed(new IllegalArgumentException((String) null));

        Throwable escaped = LogSafe.exception(original);

        assertThat(escaped.getMessage()).isEqualTo("java.lang.IllegalStateException: a\\r\\nforged");
        assertThat(escaped.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(escaped.getCause().getMessage()).isEqualTo("java.io.IOException: b\\nc");
        assertThat(escaped.getCause().getStackTrace()).isEqualTo(original.getCause().getStackTrace());
        assertThat(escaped.getSuppressed()).singleElement()
            .satisfies(suppressed -> assertThat(suppressed.getMessage()).isEqualTo("java.lang.IllegalArgumentException"));
    }

    @Test
    void exceptionThatIsItsOwnCauseChainShouldEnd() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        Throwable escaped = LogSafe.exception(first);

        assertThat(escaped.getCause().getMessage()).isEqualTo("java.lang.IllegalStateException: second");
        assertThat(escaped.getCause().getCause()).isNull();
    }

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
