package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamStatesTest {
    @Test
    void moveToShouldFollowTheTable() {
        StreamStates<OutboundStreamHandler.State> testee = new StreamStates<>(OutboundStreamHandler.State.CONNECTING,
            OutboundStreamHandler.TRANSITIONS);

        testee.moveTo(OutboundStreamHandler.State.AWAITING_HEADER);

        assertThat(testee.current()).isEqualTo(OutboundStreamHandler.State.AWAITING_HEADER);
    }

    @Test
    void moveToShouldRefuseATransitionTheTableDoesNotHave() {
        StreamStates<OutboundStreamHandler.State> testee = new StreamStates<>(OutboundStreamHandler.State.AWAITING_HEADER,
            OutboundStreamHandler.TRANSITIONS);

        assertThatThrownBy(() -> testee.moveTo(OutboundStreamHandler.State.ESTABLISHED))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("no transition AWAITING_HEADER -> ESTABLISHED");
        assertThat(testee.current()).isEqualTo(OutboundStreamHandler.State.AWAITING_HEADER);
    }

    @Test
    void closedShouldBeFinal() {
        StreamStates<DialbackVerifyHandler.State> testee = new StreamStates<>(DialbackVerifyHandler.State.CLOSED,
            DialbackVerifyHandler.TRANSITIONS);

        assertThatThrownBy(() -> testee.moveTo(DialbackVerifyHandler.State.CLOSING))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyStreamStateShouldReachClosedDirectly() {
        assertEveryStateButClosedMayClose(OutboundStreamHandler.TRANSITIONS, OutboundStreamHandler.State.CLOSED);
        assertEveryStateButClosedMayClose(DialbackVerifyHandler.TRANSITIONS, DialbackVerifyHandler.State.CLOSED);
    }

    private static <S extends Enum<S>> void assertEveryStateButClosedMayClose(Map<S, Set<S>> transitions, S closed) {
        Set<S> others = EnumSet.complementOf(EnumSet.of(closed));
        assertThat(transitions.keySet()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(others).allSatisfy(state -> assertThat(transitions.get(state)).contains(closed));
    }
}
