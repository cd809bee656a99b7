package org.jamesxmpp.core.s2s.codec;

/** Escaping for the XML we write. */
public final class Xml {
    private Xml() {
    }

    public static void escapeText(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
    }

    public static void escapeAttribute(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c);
            }
        }
    }

    public static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escapeText(text, out);
        return out.toString();
    }

    public static String escapeAttribute(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        escapeAttribute(value, out);
        return out.toString();
    }
}
