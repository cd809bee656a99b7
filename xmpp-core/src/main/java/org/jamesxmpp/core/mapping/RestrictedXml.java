package org.jamesxmpp.core.mapping;

/**
 * RFC 6120 section 11.1 restricted XML, checked before any parser sees peer input: no DTD, comment, processing
 * instruction; and a nesting cap so no recursive parser can be driven into a stack overflow.
 */
final class RestrictedXml {
    private RestrictedXml() {
    }

    static void check(CharSequence xml, int maxDepth) throws MappingException {
        int depth = 0;
        int length = xml.length();
        int i = 0;
        while (i < length) {
            char c = xml.charAt(i);
            if (c != '<') {
                i++;
                continue;
            }
            if (startsWith(xml, i, "<![CDATA[")) {
                i = skipPast(xml, i, "]]>");
                continue;
            }
            if (startsWith(xml, i, "<!") || startsWith(xml, i, "<?")) {
                throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "DTD, comment or processing instruction in a stanza");
            }
            boolean closing = startsWith(xml, i, "</");
            int end = endOfTag(xml, i);
            boolean selfClosing = xml.charAt(end - 1) == '/';
            if (closing) {
                depth--;
            } else if (!selfClosing) {
                depth++;
                if (depth > maxDepth) {
                    throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "XML nested deeper than " + maxDepth);
                }
            }
            i = end + 1;
        }
    }

    private static int endOfTag(CharSequence xml, int start) throws MappingException {
        char quote = 0;
        for (int i = start + 1; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "unterminated tag");
    }

    private static int skipPast(CharSequence xml, int start, String marker) throws MappingException {
        for (int i = start; i <= xml.length() - marker.length(); i++) {
            if (startsWith(xml, i, marker)) {
                return i + marker.length();
            }
        }
        throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "unterminated CDATA section");
    }

    private static boolean startsWith(CharSequence xml, int offset, String prefix) {
        if (offset + prefix.length() > xml.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (xml.charAt(offset + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
