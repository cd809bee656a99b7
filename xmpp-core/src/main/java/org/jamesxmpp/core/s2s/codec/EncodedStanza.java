package org.jamesxmpp.core.s2s.codec;

import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.Jid;

/**
 * A stanza as it goes on a stream: the exact text written (no namespace: it inherits the stream's) and its size in
 * UTF-8 bytes, which is what peers' stanza size limits count. Made only by {@link StanzaCodec#encode}, so the size
 * always belongs to the text.
 */
public final class EncodedStanza {
    private final String kind;
    private final Optional<Jid> from;
    private final Optional<Jid> to;
    private final Optional<String> id;
    private final String xml;
    private final int bytes;

    EncodedStanza(String kind, Optional<Jid> from, Optional<Jid> to, Optional<String> id, String xml) {
        this.kind = Objects.requireNonNull(kind);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.id = Objects.requireNonNull(id);
        this.xml = Objects.requireNonNull(xml);
        this.bytes = utf8Length(xml);
    }

    static int utf8Length(CharSequence value) {
        int length = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 2;
                i++;
            } else if (c >= 0x800) {
                length += 2;
            } else if (c >= 0x80) {
                length += 1;
            }
        }
        return length;
    }

    /** {@code message}, {@code presence} or {@code iq}. */
    public String kind() {
        return kind;
    }

    public Optional<Jid> from() {
        return from;
    }

    public Optional<Jid> to() {
        return to;
    }

    public Optional<String> id() {
        return id;
    }

    public String xml() {
        return xml;
    }

    public int bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedStanza that
            && kind.equals(that.kind) && from.equals(that.from) && to.equals(that.to) && id.equals(that.id)
            && xml.equals(that.xml);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, from, to, id, xml);
    }

    @Override
    public String toString() {
        return "EncodedStanza{" + kind + " id=" + id.orElse("-") + ", " + bytes + " bytes}";
    }
}
