package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundAcksTest {
    InboundAcks testee = new InboundAcks();

    @Test
    void answerShouldWaitUntilEveryReceivedStanzaIsHandled() {
        long first = testee.nextSequence();
        long second = testee.nextSequence();
        testee.requested();

        testee.completed(second);

        assertThat(testee.dueAnswer()).isEmpty();
        testee.completed(first);
        assertThat(testee.dueAnswer()).hasValue(2);
    }

    @Test
    void answerShouldBeGivenOnce() {
        testee.completed(testee.nextSequence());
        testee.requested();

        assertThat(testee.dueAnswer()).hasValue(1);
        assertThat(testee.dueAnswer()).isEmpty();
    }

    @Test
    void answerShouldBeZeroWhenNothingWasReceived() {
        testee.requested();

        assertThat(testee.dueAnswer()).hasValue(0);
    }

    @Test
    void outOfOrderCompletionsShouldAdvanceOnlyTheUnbrokenPrefix() {
        long first = testee.nextSequence();
        long second = testee.nextSequence();
        long third = testee.nextSequence();
        testee.completed(third);
        testee.completed(first);
        testee.requested();

        assertThat(testee.dueAnswer()).isEmpty();
        testee.completed(second);
        assertThat(testee.dueAnswer()).hasValue(3);
    }
}
