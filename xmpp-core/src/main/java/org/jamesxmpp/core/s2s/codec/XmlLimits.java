package org.jamesxmpp.core.s2s.codec;

import com.google.common.base.Preconditions;

/**
 * The shape of XML a peer may send on any stream (s2s both ways, c2s), besides the size of one stanza; over a bound
 * the stream ends with {@code policy-violation}.
 *
 * @param maxHeaderSize bytes before the stream header is complete
 * @param maxDepth elements of one stanza open at once, the stanza included (the stream element does not count)
 * @param maxAttributes attributes of one element (namespace declarations do not count); no stanza or stream header of
 *     any XEP needs the default
 */
public record XmlLimits(int maxHeaderSize, int maxDepth, int maxAttributes) {
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;
    public static final XmlLimits DEFAULT = new XmlLimits(DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES);
    /** A stream header with its namespaces and attributes fits, and a stanza with a child holding text. */
    public static final int MIN_HEADER_SIZE = 1024;
    public static final int MIN_DEPTH = 4;
    public static final int MIN_ATTRIBUTES = 8;

    public XmlLimits {
        Preconditions.checkArgument(maxHeaderSize >= MIN_HEADER_SIZE, "maxHeaderSize must be at least %s: %s", MIN_HEADER_SIZE,
            maxHeaderSize);
        Preconditions.checkArgument(maxDepth >= MIN_DEPTH, "maxDepth must be at least %s: %s", MIN_DEPTH, maxDepth);
        Preconditions.checkArgument(maxAttributes >= MIN_ATTRIBUTES, "maxAttributes must be at least %s: %s", MIN_ATTRIBUTES,
            maxAttributes);
    }
}
