package org.jamesxmpp.core.s2s.codec;

import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.Jid;

/**
 * A stanza as it goes on a stream: the exact text written (no namespace: it inherits the stream's) and its size in
 * UTF-8 bytes, which is what peers' stanza size limits count. Made only by {@link StanzaCodec#encode}.
 */
public record EncodedStanza(String kind, Optional<Jid> from, Optional<Jid> to, Optional<String> id, String xml, int bytes) {
    public EncodedStanza {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(id);
        Objects.requireNonNull(xml);
    }

    static EncodedStanza of(String kind, Optional<Jid> from, Optional<Jid> to, Optional<String> id, String xml) {
        return new EncodedStanza(kind, from, to, id, xml, utf8Length(xml));
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

    @Override
    public String toString() {
        return "EncodedStanza{" + kind + " id=" + id.orElse("-") + ", " + bytes + " bytes}";
    }
}
