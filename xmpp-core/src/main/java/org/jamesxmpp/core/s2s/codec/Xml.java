package org.jamesxmpp.core.s2s.codec;

import java.util.Map;

/** Escaping for the XML we write. */
public final class Xml {
    private Xml() {
    }

    /**
     * Writes an element: its start tag ({@link #startTag}), then {@code />} when it has no content, else {@code >},
     * what {@code content} writes, and the end tag.
     */
    static void element(StringBuilder out, String name, String namespace, String inheritedNamespace,
                        Map<String, String> attributes, boolean empty, Runnable content) {
        startTag(out, name, namespace, inheritedNamespace, attributes);
        if (empty) {
            out.append("/>");
            return;
        }
        out.append('>');
        content.run();
        out.append("</").append(name).append('>');
    }

    /**
     * Writes {@code <name}, an {@code xmlns} only where the namespace differs from the parent's, and the attributes
     * single-quoted and escaped; the caller closes the tag.
     */
    private static void startTag(StringBuilder out, String name, String namespace, String inheritedNamespace,
                                 Map<String, String> attributes) {
        out.append('<').append(name);
        if (!namespace.equals(inheritedNamespace)) {
            out.append(" xmlns='");
            escapeAttribute(namespace, out);
            out.append('\'');
        }
        attributes.forEach((key, value) -> {
            out.append(' ').append(key).append("='");
            escapeAttribute(value, out);
            out.append('\'');
        });
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
