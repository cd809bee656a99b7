package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnacknowledgedStanzasTest {
    private final UnacknowledgedStanzas testee = new UnacknowledgedStanzas(3);

    @Test
    void acknowledgedStanzasShouldBeForgottenInOrder() {
        testee.add("a");
        testee.add("b");
        testee.add("c");

        assertThat(testee.acknowledge(2)).isTrue();
        assertThat(testee.pending()).containsExactly("c");
        assertThat(testee.acknowledge(2)).isTrue();
        assertThat(testee.pending()).containsExactly("c");
    }

    @Test
    void moreThanMaxShouldBeRefused() {
        assertThat(testee.add("a") && testee.add("b") && testee.add("c")).isTrue();

        assertThat(testee.add("d")).isFalse();
        assertThat(testee.pending()).containsExactly("a", "b", "c");
    }

    @Test
    void countMoreThanSentOrBelowTheLastShouldBeRefusedAndForgetNothing() {
        testee.add("a");
        testee.add("b");
        testee.acknowledge(1);

        assertThat(testee.acknowledge(3)).isFalse();
        assertThat(testee.acknowledge(0)).isFalse();
        assertThat(testee.pending()).containsExactly("b");
    }
}
