package org.jamesxmpp.core.mapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes MIME entities (CRLF line ends). Boundaries are fixed per nesting level and start with {@code =_}: a sequence
 * that quoted-printable and base64 output never contain, and 7bit text is only used when it does not contain it.
 */
final class MimeComposer {
    private static final int MAX_7BIT_LINE = 998;
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    private MimeComposer() {
    }

    /** Content headers and body of a text entity. */
    static String text(String subtype, String text) {
        StringBuilder out = new StringBuilder(text.length() + 128);
        out.append("Content-Type: text/").append(subtype).append("; charset=utf-8\r\n");
        if (is7bitSafe(text)) {
            out.append("Content-Transfer-Encoding: 7bit\r\n\r\n");
            appendCrlfLines(text, out);
        } else {
            out.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            QuotedPrintable.encode(text, out);
        }
        return out.append("\r\n").toString();
    }

    static String binary(String contentType, String fileName, String contentId, byte[] content) {
        StringBuilder out = new StringBuilder(content.length * 4 / 3 + 256);
        out.append("Content-Type: ").append(safeContentType(contentType)).append("\r\n");
        out.append("Content-Transfer-Encoding: base64\r\n");
        out.append("Content-ID: <").append(Texts.singleLine(contentId, 200).replaceAll("[<>\\s]", "")).append(">\r\n");
        out.append("Content-Disposition: inline; filename=\"").append(fileName.replaceAll("[^A-Za-z0-9._+-]", "_")).append("\"\r\n\r\n");
        out.append(BASE64.encodeToString(content)).append("\r\n");
        return out.toString();
    }

    /** A downloaded file: {@code attachment} with its name, ASCII-safe and RFC 2231 encoded. */
    static String attachment(String contentType, String fileName, byte[] content) {
        StringBuilder out = new StringBuilder(content.length * 4 / 3 + 256);
        out.append("Content-Type: ").append(safeContentType(contentType)).append("\r\n");
        out.append("Content-Transfer-Encoding: base64\r\n");
        String name = Texts.singleLine(fileName, 200);
        out.append("Content-Disposition: attachment; filename=\"").append(name.replaceAll("[^A-Za-z0-9._+-]", "_"))
            .append("\";\r\n filename*=utf-8''")
            .append(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("*", "%2A").replace("'", "%27"))
            .append("\r\n\r\n");
        out.append(BASE64.encodeToString(content)).append("\r\n");
        return out.toString();
    }

    static String rfc822(String message) {
        return "Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n" + message;
    }

    /** Content headers and body of a multipart; parts are complete entities (headers, blank line, body). */
    static String multipart(String subtype, int level, List<String> parts) {
        String boundary = "=_jx_" + subtype + "_" + level;
        StringBuilder out = new StringBuilder();
        out.append("Content-Type: multipart/").append(subtype).append(";\r\n boundary=\"").append(boundary).append("\"\r\n\r\n");
        for (String part : parts) {
            out.append("--").append(boundary).append("\r\n").append(part);
            if (!part.endsWith("\r\n")) {
                out.append("\r\n");
            }
        }
        out.append("--").append(boundary).append("--\r\n");
        return out.toString();
    }

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    static String safeContentType(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT).trim();
        return lower.matches("[a-z0-9!#$&.+^_-]+/[a-z0-9!#$&.+^_-]+") ? lower : "application/octet-stream";
    }

    private static void appendCrlfLines(String text, StringBuilder out) {
        int start = 0;
        for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
            out.append(text, start, lf).append("\r\n");
            start = lf + 1;
        }
        out.append(text, start, text.length());
    }

    private static boolean is7bitSafe(String text) {
        if (text.contains("=_")) {
            return false;
        }
        int lineLength = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lineLength = 0;
                continue;
            }
            if (c >= 0x7f || c == '\r' || (c < 0x20 && c != '\t') || ++lineLength > MAX_7BIT_LINE) {
                return false;
            }
        }
        return true;
    }
}
