package org.jamesxmpp.core.mapping;

import com.google.common.base.Preconditions;

/**
 * How much structure a mail may have before the mapping refuses it as {@code MALFORMED_MIME}
 * ({@code mapping/maxMimeNesting}, {@code maxHeaderCount}, {@code maxHeaderLength} of xmpp.xml).
 *
 * @param maxNesting multiparts and attached messages inside each other
 * @param maxHeaderCount header fields of one part
 * @param maxHeaderLength characters of one header field, folded lines included
 */
public record MimeLimits(int maxNesting, int maxHeaderCount, int maxHeaderLength) {
    public static final int DEFAULT_MAX_NESTING = 24;
    public static final int DEFAULT_MAX_HEADER_COUNT = 1000;
    public static final int DEFAULT_MAX_HEADER_LENGTH = 64 * 1024;

    public MimeLimits {
        Preconditions.checkArgument(maxNesting > 0, "maxNesting must be positive, got %s", maxNesting);
        Preconditions.checkArgument(maxHeaderCount > 0, "maxHeaderCount must be positive, got %s", maxHeaderCount);
        Preconditions.checkArgument(maxHeaderLength > 0, "maxHeaderLength must be positive, got %s", maxHeaderLength);
    }

    public static MimeLimits defaults() {
        return new MimeLimits(DEFAULT_MAX_NESTING, DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_HEADER_LENGTH);
    }
}
