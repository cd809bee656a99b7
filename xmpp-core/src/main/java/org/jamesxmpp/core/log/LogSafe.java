package org.jamesxmpp.core.log;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A log argument from a peer or a mail (stanza id, JID, header value, error text), rendered when the line is
 * written: CR, LF and other control characters (and the backslash) are escaped, so that a value cannot start a
 * forged log line; very long values are cut. Use it as {@code LOGGER.info("... {}", LogSafe.of(stanza.getStanzaId()))}.
 */
public final class LogSafe {
    public static final int MAX_LENGTH = 1024;

    private final Object value;

    private LogSafe(Object value) {
        this.value = value;
    }

    public static LogSafe of(Object value) {
        return new LogSafe(value);
    }

    /**
     * The exception to log with its stack trace when its message (or a cause's) may quote a peer: the same stack
     * frames, causes and suppressed exceptions, each message escaped and headed by the original class name. Use it as
     * {@code LOGGER.warn("... {}", arg, LogSafe.exception(e))}.
     */
    public static Throwable exception(Throwable exception) {
        return new Escaped(exception, new IdentityHashMap<>());
    }

    @Override
    public String toString() {
        return escape(Objects.toString(value));
    }

    /** Stands in for a logged exception; never thrown. */
    private static final class Escaped extends Exception {
        private Escaped(Throwable original, Map<Throwable, Escaped> seen) {
            super(escape(original.getClass().getName() + (original.getMessage() == null ? "" : ": " + original.getMessage())));
            seen.put(original, this);
            setStackTrace(original.getStackTrace());
            Throwable cause = original.getCause();
            if (cause != null && !seen.containsKey(cause)) {
                initCause(new Escaped(cause, seen));
            }
            for (Throwable suppressed : original.getSuppressed()) {
                if (!seen.containsKey(suppressed)) {
                    addSuppressed(new Escaped(suppressed, seen));
                }
            }
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    static String escape(String text) {
        StringBuilder escaped = null;
        int length = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            char current = text.charAt(i);
            String replacement = replacement(current);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(current));
            }
        }
        String result = escaped != null ? escaped.toString() : text.substring(0, length);
        return text.length() > MAX_LENGTH ? result + "..." : result;
    }

    private static String replacement(char current) {
        return switch (current) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> Character.isISOControl(current) || current == '\u2028' || current == '\u2029'
                ? String.format("\\u%04x", (int) current)
                : null;
        };
    }
}
