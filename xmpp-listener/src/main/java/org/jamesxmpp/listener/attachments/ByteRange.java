package org.jamesxmpp.listener.attachments;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RFC 9110 byte range of a file of {@code size} bytes: {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}.
 * Several ranges, or another unit, are ignored (the whole file is sent, as RFC 9110 allows).
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    record Whole() implements Request {
    }

    record Partial(ByteRange range) implements Request {
    }

    record Unsatisfiable() implements Request {
    }

    static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        Matcher matcher = SINGLE.matcher(header.get().trim());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return new Whole();
        }
        if (matcher.group(1).isEmpty()) {
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
        if (first >= size) {
            return new Unsatisfiable();
        }
        if (last < first) {
            return new Whole();
        }
        return new Partial(new ByteRange(first, last));
    }

    long length() {
        return last - first + 1;
    }
}
