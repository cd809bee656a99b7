package org.jamesxmpp.core.mapping;

/**
 * Character hygiene at the boundary of both formats: what XML 1.0 cannot carry, and what would break a header line.
 */
final class Texts {
    static final String CUT_MARK = " [...]";
    private Texts() {
    }

    /** Drops characters XML 1.0 cannot carry (NUL, most C0 controls, U+FFFE/U+FFFF, lone surrogates). */
    static String xmlSafe(String value) {
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0xd800 || c == '\n' || c == '\t' || isXmlChar(value, i)) {
                i++;
            } else {
                break;
            }
        }
        if (i == length) {
            return value;
        }
        StringBuilder builder = new StringBuilder(length);
        builder.append(value, 0, i);
        for (; i < length; i++) {
            if (isXmlChar(value, i)) {
                builder.append(value.charAt(i));
            }
        }
        return builder.toString();
    }

    /** Body text: line ends become LF, characters XML cannot carry are dropped; one pass. */
    static String normalizedText(String value) {
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0xd800 || c == '\n' || c == '\t' || c != '\r' && isXmlChar(value, i)) {
                i++;
            } else {
                break;
            }
        }
        if (i == length) {
            return value;
        }
        char[] out = new char[length];
        value.getChars(0, i, out, 0);
        int written = i;
        for (; i < length; i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                out[written++] = '\n';
                if (i + 1 < length && value.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c >= 0x20 && c < 0xd800 || c == '\n' || c == '\t' || isXmlChar(value, i)) {
                out[written++] = c;
            }
        }
        return new String(out, 0, written);
    }

    /**
     * One line: CR, LF, TAB become spaces, other controls disappear. Longer than {@code maxChars}: cut, and the cut
     * is marked with {@value #CUT_MARK} (never a silent truncation, never a split surrogate pair).
     */
    static String singleLine(String value, int maxChars) {
        StringBuilder builder = new StringBuilder(Math.min(value.length(), maxChars));
        int i = 0;
        for (; i < value.length() && builder.length() < maxChars; i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                if (builder.length() > 0 && builder.charAt(builder.length() - 1) != ' ') {
                    builder.append(' ');
                }
            } else if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && isXmlChar(value, i)) {
                builder.append(c);
            }
        }
        if (i < value.length() && !value.substring(i).isBlank()) {
            builder.setLength(Math.max(0, maxChars - CUT_MARK.length()));
            if (builder.length() > 0 && Character.isHighSurrogate(builder.charAt(builder.length() - 1))) {
                builder.setLength(builder.length() - 1);
            }
            builder.append(CUT_MARK);
        }
        return builder.toString().strip();
    }

    private static boolean isXmlChar(String value, int index) {
        char c = value.charAt(index);
        if (c >= 0x20 && c < 0xd800) {
            return true;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return index + 1 < value.length() && Character.isLowSurrogate(value.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index > 0 && Character.isHighSurrogate(value.charAt(index - 1));
        }
        return c >= 0xe000 && c <= 0xfffd;
    }
}
