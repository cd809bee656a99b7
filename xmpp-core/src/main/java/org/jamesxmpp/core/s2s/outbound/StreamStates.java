package org.jamesxmpp.core.s2s.outbound;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.google.common.collect.ImmutableMap;

/**
 * The state of one stream and the transitions it may take: the only place a stream handler's state changes.
 * A transition the table does not allow is a bug in the handler, not in the peer: it throws.
 * Confined to the channel's event loop.
 */
final class StreamStates<S extends Enum<S>> {
    private final Map<S, Set<S>> allowed;
    private S current;

    StreamStates(S initial, Map<S, Set<S>> allowed) {
        this.current = initial;
        this.allowed = ImmutableMap.copyOf(allowed);
    }

    S current() {
        return current;
    }

    boolean is(S state) {
        return current == state;
    }

    boolean isAnyOf(S first, S second) {
        return current == first || current == second;
    }

    /** @throws IllegalStateException when the table does not allow going from the current state to {@code next} */
    void moveTo(S next) {
        if (!allowed.getOrDefault(current, Set.of()).contains(next)) {
            throw new IllegalStateException("no transition " + current + " -> " + next);
        }
        current = next;
    }

    /** The transitions as a table, for tests and documentation: state → states it may go to. */
    Map<S, Set<S>> transitions() {
        return allowed;
    }

    @SafeVarargs
    static <S extends Enum<S>> Set<S> to(S first, S... rest) {
        return EnumSet.of(first, rest);
    }
}
