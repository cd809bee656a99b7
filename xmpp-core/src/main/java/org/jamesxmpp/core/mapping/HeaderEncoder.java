package org.jamesxmpp.core.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * Writes header fields that cannot be injected into: every value is first reduced to one line without controls,
 * cut at 998 characters, RFC 2047 encoded when not ASCII, then folded at whitespace.
 */
final class HeaderEncoder {
    private static final int FOLD_AT = 76;
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
        .withZone(ZoneOffset.UTC);

    private HeaderEncoder() {
    }

    static String date(Instant instant) {
        return RFC_5322.format(instant);
    }

    /** Unstructured text (Subject, Comments...): encoded words where needed. */
    static void unstructured(StringBuilder out, String name, String value) {
        String line = Texts.singleLine(value, MailHeaders.MAX_VALUE_CHARS);
        String encoded = needsEncoding(line)
            ? EncoderUtil.encodeEncodedWord(line, EncoderUtil.Usage.TEXT_TOKEN, name.length() + 2, StandardCharsets.UTF_8, null)
            : line;
        structured(out, name, encoded);
    }

    /** A display name for an address: quoted or encoded as needed, never able to close the address. */
    static String displayName(String name) {
        String line = Texts.singleLine(name, 200);
        if (needsEncoding(line)) {
            return EncoderUtil.encodeEncodedWord(line, EncoderUtil.Usage.WORD_ENTITY, 0, StandardCharsets.UTF_8, null);
        }
        return EncoderUtil.encodeAddressDisplayName(line);
    }

    /** A value already in header syntax (addresses, msg-ids, dates); still reduced to one line, then folded. */
    static void structured(StringBuilder out, String name, String value) {
        String line = Texts.singleLine(value, 4 * MailHeaders.MAX_VALUE_CHARS);
        fold(out, name + ": " + line);
        out.append("\r\n");
    }

    private static void fold(StringBuilder out, String line) {
        int lastSpace = -1;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' && i > start) {
                lastSpace = i;
            }
            if (i - start >= FOLD_AT && lastSpace > start) {
                out.append(line, start, lastSpace).append("\r\n");
                start = lastSpace;
                lastSpace = -1;
            }
        }
        out.append(line, start, line.length());
    }

    private static boolean needsEncoding(String value) {
        if (value.contains("=?")) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x7f) {
                return true;
            }
        }
        return false;
    }
}
