package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.s2s.inbound.InboundEvent.CLOSE;
import static org.jamesxmpp.core.s2s.inbound.InboundEvent.DIALBACK_VALID;
import static org.jamesxmpp.core.s2s.inbound.InboundEvent.HEADER_ANSWERED;
import static org.jamesxmpp.core.s2s.inbound.InboundEvent.SASL_SUCCEEDED;
import static org.jamesxmpp.core.s2s.inbound.InboundEvent.STARTTLS_PROCEEDED;
import static org.jamesxmpp.core.s2s.inbound.InboundState.AUTHENTICATED;
import static org.jamesxmpp.core.s2s.inbound.InboundState.AUTHENTICATED_AWAITING_HEADER;
import static org.jamesxmpp.core.s2s.inbound.InboundState.AWAITING_HEADER;
import static org.jamesxmpp.core.s2s.inbound.InboundState.CLOSED;
import static org.jamesxmpp.core.s2s.inbound.InboundState.NEGOTIATING;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InboundStateTest {
    /** The table of docs/architecture.md, "Inbound stream states"; absent means no transition. */
    static final Map<InboundState, Map<InboundEvent, InboundState>> TABLE = new EnumMap<>(Map.of(
        AWAITING_HEADER, Map.of(HEADER_ANSWERED, NEGOTIATING, CLOSE, CLOSED),
        NEGOTIATING, Map.of(STARTTLS_PROCEEDED, AWAITING_HEADER, SASL_SUCCEEDED, AUTHENTICATED_AWAITING_HEADER,
            DIALBACK_VALID, AUTHENTICATED, CLOSE, CLOSED),
        AUTHENTICATED_AWAITING_HEADER, Map.of(HEADER_ANSWERED, AUTHENTICATED, CLOSE, CLOSED),
        AUTHENTICATED, Map.of(STARTTLS_PROCEEDED, AUTHENTICATED_AWAITING_HEADER,
            SASL_SUCCEEDED, AUTHENTICATED_AWAITING_HEADER, DIALBACK_VALID, AUTHENTICATED, CLOSE, CLOSED),
        CLOSED, Map.of(HEADER_ANSWERED, CLOSED, STARTTLS_PROCEEDED, CLOSED, SASL_SUCCEEDED, CLOSED,
            DIALBACK_VALID, CLOSED, CLOSE, CLOSED)));

    static Stream<Arguments> everyStateAndEvent() {
        return Arrays.stream(InboundState.values())
            .flatMap(state -> Arrays.stream(InboundEvent.values()).map(event -> Arguments.of(state, event)));
    }

    @ParameterizedTest
    @MethodSource("everyStateAndEvent")
    void nextShouldFollowTheTableOrRefuseWhenTheEventDoesNotFitTheState(InboundState state, InboundEvent event) {
        Optional<InboundState> expected = Optional.ofNullable(TABLE.get(state).get(event));

        if (expected.isPresent()) {
            assertThat(state.next(event)).isEqualTo(expected.get());
        } else {
            assertThatThrownBy(() -> state.next(event)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(state.name()).hasMessageContaining(event.name());
        }
    }

    @Test
    void onlyHeaderAnsweredStatesShouldReadElements() {
        assertThat(Arrays.stream(InboundState.values()).filter(InboundState::isOpen))
            .containsExactlyInAnyOrder(NEGOTIATING, AUTHENTICATED);
    }

    @Test
    void closedShouldCountAsNeitherAuthenticatedNorAwaitingAHeader() {
        assertThat(CLOSED.isAuthenticated()).isFalse();
        assertThat(CLOSED.awaitsHeader()).isFalse();
        assertThat(Arrays.stream(InboundState.values()).filter(InboundState::awaitsHeader))
            .containsExactlyInAnyOrder(AWAITING_HEADER, AUTHENTICATED_AWAITING_HEADER);
    }
}
