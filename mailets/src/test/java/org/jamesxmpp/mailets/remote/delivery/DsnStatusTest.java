package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DsnStatusTest {
    @Test
    void parseShouldReadAnEnhancedStatusCode() {
        assertThat(DsnStatus.parse("5.3.4")).isEqualTo(DsnStatus.permanent(3, 4));
    }

    @Test
    void asStringShouldWriteClassSubjectAndDetail() {
        assertThat(DsnStatus.transientFailure(4, 1).asString()).isEqualTo("4.4.1");
    }

    @Test
    void parseShouldRefuseAnUnknownClass() {
        assertThatThrownBy(() -> DsnStatus.parse("3.1.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseShouldRefuseSomethingElse() {
        assertThatThrownBy(() -> DsnStatus.parse("5.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
