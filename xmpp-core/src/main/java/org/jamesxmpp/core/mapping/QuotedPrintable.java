package org.jamesxmpp.core.mapping;

import java.nio.charset.StandardCharsets;

/**
 * RFC 2045 quoted-printable for text with hard line breaks written as CRLF. Encodes {@code =} always, so the
 * multipart boundaries we write (they start with {@code =_}) can never occur in an encoded body.
 */
final class QuotedPrintable {
    private static final int MAX_LINE = 76;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QuotedPrintable() {
    }

    static void encode(String text, StringBuilder out) {
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            encodeLine(lines[l].getBytes(StandardCharsets.UTF_8), out);
            if (l < lines.length - 1) {
                out.append("\r\n");
            }
        }
    }

    private static void encodeLine(byte[] line, StringBuilder out) {
        int column = 0;
        for (int i = 0; i < line.length; i++) {
            int b = line[i] & 0xff;
            boolean last = i == line.length - 1;
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last);
            int width = literal ? 1 : 3;
            if (column + width > MAX_LINE - 1) {
                out.append("=\r\n");
                column = 0;
            }
            if (literal) {
                out.append((char) b);
            } else {
                out.append('=').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
            column += width;
        }
    }
}
