package org.jamesxmpp.core.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The MIME a james-xmpp peer sent along: kept byte for byte, except top-level header fields that only the receiving
 * side may write ({@code Authentication-Results}, {@code Jabber-ID}, {@code X-Xmpp-Type}).
 */
final class OriginalMime {
    static final Set<String> RECEIVER_ONLY = Set.of("authentication-results", "jabber-id", "x-xmpp-type");

    private OriginalMime() {
    }

    static byte[] withoutReceiverOnlyHeaders(byte[] mime) {
        int end = headerEnd(mime);
        ByteArrayOutputStream out = null;
        int lineStart = 0;
        boolean dropping = false;
        while (lineStart < end) {
            int lineEnd = lineEnd(mime, lineStart, end);
            boolean continuation = mime[lineStart] == ' ' || mime[lineStart] == '\t';
            if (!continuation) {
                dropping = RECEIVER_ONLY.contains(fieldName(mime, lineStart, lineEnd));
            }
            if (dropping && out == null) {
                out = new ByteArrayOutputStream(mime.length);
                out.write(mime, 0, lineStart);
            } else if (!dropping && out != null) {
                out.write(mime, lineStart, lineEnd - lineStart);
            }
            lineStart = lineEnd;
        }
        if (out == null) {
            return mime;
        }
        out.write(mime, end, mime.length - end);
        return out.toByteArray();
    }

    static Optional<String> messageId(byte[] mime) {
        int end = headerEnd(mime);
        int lineStart = 0;
        while (lineStart < end) {
            int lineEnd = lineEnd(mime, lineStart, end);
            if (fieldName(mime, lineStart, lineEnd).equals("message-id")) {
                String line = new String(mime, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
                return MessageIds.firstMsgId(line.substring(line.indexOf(':') + 1)).map(id -> "<" + id + ">");
            }
            lineStart = lineEnd;
        }
        return Optional.empty();
    }

    private static int headerEnd(byte[] mime) {
        int lineStart = 0;
        while (lineStart < mime.length) {
            int lineEnd = lineEnd(mime, lineStart, mime.length);
            if (mime[lineStart] == '\n' || (mime[lineStart] == '\r' && lineStart + 1 < mime.length && mime[lineStart + 1] == '\n')) {
                return lineStart;
            }
            lineStart = lineEnd;
        }
        return mime.length;
    }

    private static int lineEnd(byte[] mime, int start, int limit) {
        for (int i = start; i < limit; i++) {
            if (mime[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    private static String fieldName(byte[] mime, int start, int end) {
        for (int i = start; i < end; i++) {
            if (mime[i] == ':') {
                return new String(mime, start, i - start, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }
}
