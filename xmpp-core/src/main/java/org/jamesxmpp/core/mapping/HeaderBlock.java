package org.jamesxmpp.core.mapping;

/**
 * Where a mail's header block really ends. A line that is neither a header field ({@code name:}, obsolete
 * {@code name :} too) nor a continuation ends the header block and starts the body, as Postfix's cleanup and
 * Python's email parser treat it; mime4j would drop such a line instead. So a mail without the blank line before
 * its text, or whose first line is text, loses nothing.
 */
final class HeaderBlock {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private HeaderBlock() {
    }

    /** The mail itself when its header block is well formed, else a copy with a line break where the text starts. */
    static byte[] withBodySeparated(byte[] mime) {
        int lineStart = 0;
        while (lineStart < mime.length) {
            int lineEnd = endOfLine(mime, lineStart);
            if (isBlank(mime, lineStart, lineEnd)) {
                return mime;
            }
            boolean continuation = lineStart > 0 && (mime[lineStart] == ' ' || mime[lineStart] == '\t');
            if (!continuation && !isField(mime, lineStart, lineEnd)) {
                return insertLineBreak(mime, lineStart, lineBreakOf(mime, lineStart));
            }
            lineStart = lineEnd;
        }
        return mime;
    }

    /** Index just after the line's terminator (or the end). */
    private static int endOfLine(byte[] mime, int from) {
        for (int i = from; i < mime.length; i++) {
            if (mime[i] == LF) {
                return i + 1;
            }
        }
        return mime.length;
    }

    private static boolean isBlank(byte[] mime, int start, int end) {
        return end - start == 1 && mime[start] == LF || end - start == 2 && mime[start] == CR && mime[start + 1] == LF;
    }

    /** RFC 5322 field-name (printable US-ASCII but colon), optional white space (obs-optional), colon. */
    private static boolean isField(byte[] mime, int start, int end) {
        int i = start;
        while (i < end && mime[i] >= 33 && mime[i] <= 126 && mime[i] != ':') {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < end && (mime[i] == ' ' || mime[i] == '\t')) {
            i++;
        }
        return i < end && mime[i] == ':';
    }

    /** The terminator of the line before (or of this one, for the first line), so the copy stays consistent. */
    private static byte[] lineBreakOf(byte[] mime, int lineStart) {
        int terminatorEnd = lineStart > 0 ? lineStart : endOfLine(mime, lineStart);
        boolean bareLf = mime[terminatorEnd - 1] == LF && (terminatorEnd < 2 || mime[terminatorEnd - 2] != CR);
        return bareLf ? new byte[] {LF} : new byte[] {CR, LF};
    }

    private static byte[] insertLineBreak(byte[] mime, int at, byte[] lineBreak) {
        byte[] copy = new byte[mime.length + lineBreak.length];
        System.arraycopy(mime, 0, copy, 0, at);
        System.arraycopy(lineBreak, 0, copy, at, lineBreak.length);
        System.arraycopy(mime, at, copy, at + lineBreak.length, mime.length - at);
        return copy;
    }
}
