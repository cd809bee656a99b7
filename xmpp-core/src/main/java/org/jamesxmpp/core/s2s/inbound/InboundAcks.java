package org.jamesxmpp.core.s2s.inbound;

import java.util.BitSet;
import java.util.OptionalLong;

import org.jamesxmpp.core.s2s.codec.StreamXml;

/**
 * XEP-0198 counting of an incoming stream: a stanza counts as handled only once our handler
 * finished with it, and {@code h} only covers the unbroken prefix of handled stanzas (handlers
 * may finish out of order). Event-loop confined.
 */
class InboundAcks {

    private final BitSet done = new BitSet();
    private long received;
    private long handled;
    private long requestedAt = -1;

    long received() {
        return received;
    }

    /** How many stanzas, from the first on, are all handled. */
    long handled() {
        return handled;
    }

    long nextSequence() {
        return received++;
    }

    void completed(long sequence) {
        done.set((int) (sequence - handled));
        int advance = done.nextClearBit(0);
        if (advance > 0) {
            handled += advance;
            BitSet shifted = done.get(advance, Math.max(advance, done.length()));
            done.clear();
            done.or(shifted);
        }
    }

    /** The peer sent {@code <r/>}: the answer waits until everything received so far is handled. */
    void requested() {
        requestedAt = received;
    }

    /** @return the {@code h} to send now, if an answer is due */
    OptionalLong dueAnswer() {
        if (requestedAt >= 0 && handled >= requestedAt) {
            requestedAt = -1;
            return OptionalLong.of(handled & StreamXml.SM_H_MASK);
        }
        return OptionalLong.empty();
    }
}
