package org.jamesxmpp.core.c2s;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jamesxmpp.core.s2s.codec.StreamXml;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * XEP-0198 on our side of a client stream: the stanzas sent to the client since {@code <enable/>} that it has not
 * acknowledged yet, in the order sent, at most {@code max}. Counts wrap at 2^32 as the XEP's {@code h} does. Not
 * thread-safe: {@link ClientOutput} guards it.
 */
final class UnacknowledgedStanzas {
    private final int max;
    private final Deque<String> stanzas = new ArrayDeque<>();
    private long acknowledged;

    UnacknowledgedStanzas(int max) {
        Preconditions.checkArgument(max > 0, "max must be positive: %s", max);
        this.max = max;
    }

    /** Keeps a stanza about to be sent; false (and not kept) when {@code max} are waiting already. */
    boolean add(String stanza) {
        if (stanzas.size() >= max) {
            return false;
        }
        stanzas.addLast(stanza);
        return true;
    }

    /**
     * The client acknowledged {@code h} stanzas in all: those are forgotten. False, and nothing forgotten, when
     * {@code h} counts more than were sent or fewer than it acknowledged before.
     */
    boolean acknowledge(long h) {
        long newlyAcknowledged = (h - acknowledged) & StreamXml.SM_H_MASK;
        if (newlyAcknowledged > stanzas.size()) {
            return false;
        }
        for (long i = 0; i < newlyAcknowledged; i++) {
            stanzas.removeFirst();
        }
        acknowledged = h & StreamXml.SM_H_MASK;
        return true;
    }

    /** The stanzas sent and not acknowledged, oldest first. */
    List<String> pending() {
        return ImmutableList.copyOf(stanzas);
    }

    boolean isEmpty() {
        return stanzas.isEmpty();
    }
}
