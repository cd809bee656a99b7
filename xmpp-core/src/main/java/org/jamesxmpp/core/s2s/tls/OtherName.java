package org.jamesxmpp.core.s2s.tls;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * An {@code otherName} subject alternative name we read (RFC 5280 4.2.1.6): id-on-xmppAddr (RFC 6120 13.7.1.4,
 * a UTF8String) or id-on-dnsSRV (RFC 4985, an IA5String). The JDK hands such a name over as the DER encoding of
 * {@code OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }}, where JDK 17 wraps the
 * value in {@code [0]} twice (it keeps the tagged value and tags it again); this reads those two shapes and nothing
 * else (any other shape or type is no name).
 */
record OtherName(Kind kind, String value) {
    enum Kind {
        XMPP_ADDR(new byte[] {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05}, UTF8_STRING),
        DNS_SRV(new byte[] {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x07}, IA5_STRING);

        private final byte[] oid;
        private final int stringTag;

        Kind(byte[] oid, int stringTag) {
            this.oid = oid;
            this.stringTag = stringTag;
        }
    }

    private static final int UTF8_STRING = 0x0c;
    private static final int IA5_STRING = 0x16;
    private static final int SEQUENCE = 0x30;
    private static final int OID = 0x06;
    private static final int EXPLICIT_ZERO = 0xa0;

    static Optional<OtherName> decode(byte[] der) {
        Optional<Tlv> sequence = Tlv.read(der, 0).filter(tlv -> tlv.tag() == SEQUENCE && tlv.end() == der.length);
        if (sequence.isEmpty()) {
            return Optional.empty();
        }
        Optional<Tlv> oid = Tlv.read(der, sequence.get().start()).filter(tlv -> tlv.tag() == OID);
        Optional<Tlv> wrapper = oid.flatMap(tlv -> Tlv.read(der, tlv.end()))
            .filter(tlv -> tlv.tag() == EXPLICIT_ZERO && tlv.end() == sequence.get().end())
            .map(tlv -> Tlv.read(der, tlv.start()).filter(inner -> inner.tag() == EXPLICIT_ZERO && inner.end() == tlv.end())
                .orElse(tlv));
        if (wrapper.isEmpty()) {
            return Optional.empty();
        }
        byte[] oidBytes = Arrays.copyOfRange(der, oid.get().start(), oid.get().end());
        for (Kind kind : Kind.values()) {
            if (Arrays.equals(kind.oid, oidBytes)) {
                return Tlv.read(der, wrapper.get().start())
                    .filter(tlv -> tlv.tag() == kind.stringTag && tlv.end() == wrapper.get().end())
                    .flatMap(tlv -> string(kind, Arrays.copyOfRange(der, tlv.start(), tlv.end())))
                    .map(text -> new OtherName(kind, text));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> string(Kind kind, byte[] bytes) {
        String text = new String(bytes, kind == Kind.DNS_SRV ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
        boolean clean = text.chars().noneMatch(c -> c < 0x21 || c == 0x7f || c == 0xfffd);
        return clean && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    /** One DER tag-length-value at {@code offset}: the value is {@code [start, end)}. */
    private record Tlv(int tag, int start, int end) {
        static Optional<Tlv> read(byte[] der, int offset) {
            if (offset + 2 > der.length) {
                return Optional.empty();
            }
            int tag = der[offset] & 0xff;
            int first = der[offset + 1] & 0xff;
            int position = offset + 2;
            long length = first;
            if (first > 0x80 && first <= 0x84) {
                length = 0;
                for (int i = 0; i < (first & 0x7f); i++) {
                    if (position >= der.length) {
                        return Optional.empty();
                    }
                    length = (length << 8) | (der[position++] & 0xff);
                }
            } else if (first >= 0x80) {
                return Optional.empty();
            }
            return position + length <= der.length
                ? Optional.of(new Tlv(tag, position, (int) (position + length)))
                : Optional.empty();
        }
    }
}
