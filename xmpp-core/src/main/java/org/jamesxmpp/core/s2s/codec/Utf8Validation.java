package org.jamesxmpp.core.s2s.codec;

import java.nio.ByteBuffer;

/**
 * Checks that a byte stream is well-formed UTF-8 (Unicode table 3-7) as it arrives, across buffer boundaries: the XML
 * parser lets overlong forms ({@code C0 BC} for {@code <}), surrogates and code points above U+10FFFF through, and RFC
 * 6120 streams are UTF-8 only. One per stream, restarted with it.
 */
final class Utf8Validation {
    private static final int CONTINUATION_LOW = 0x80;
    private static final int CONTINUATION_HIGH = 0xBF;

    private int pending;
    private int low = CONTINUATION_LOW;
    private int high = CONTINUATION_HIGH;

    /** @throws StreamException {@code not-well-formed} at the first byte that cannot be UTF-8 here */
    void check(ByteBuffer input) {
        for (int i = input.position(); i < input.limit(); i++) {
            int current = input.get(i) & 0xFF;
            if (pending > 0) {
                continuation(current);
            } else if (current >= 0x80) {
                lead(current);
            }
        }
    }

    private void continuation(int current) {
        if (current < low || current > high) {
            throw invalid(current);
        }
        pending--;
        low = CONTINUATION_LOW;
        high = CONTINUATION_HIGH;
    }

    private void lead(int current) {
        if (current >= 0xC2 && current <= 0xDF) {
            expect(1, CONTINUATION_LOW, CONTINUATION_HIGH);
        } else if (current == 0xE0) {
            expect(2, 0xA0, CONTINUATION_HIGH);
        } else if (current == 0xED) {
            expect(2, CONTINUATION_LOW, 0x9F);
        } else if (current >= 0xE1 && current <= 0xEF) {
            expect(2, CONTINUATION_LOW, CONTINUATION_HIGH);
        } else if (current == 0xF0) {
            expect(3, 0x90, CONTINUATION_HIGH);
        } else if (current >= 0xF1 && current <= 0xF3) {
            expect(3, CONTINUATION_LOW, CONTINUATION_HIGH);
        } else if (current == 0xF4) {
            expect(3, CONTINUATION_LOW, 0x8F);
        } else {
            throw invalid(current);
        }
    }

    private void expect(int continuations, int nextLow, int nextHigh) {
        pending = continuations;
        low = nextLow;
        high = nextHigh;
    }

    private static StreamException invalid(int current) {
        return new StreamException(StreamErrorCondition.NOT_WELL_FORMED, String.format("invalid UTF-8 byte 0x%02X", current));
    }
}
