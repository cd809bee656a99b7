package org.jamesxmpp.core.mapping;

/**
 * Steps taken, in order, until a stanza fits {@link MappingOptions#maxStanzaBytes()}. Past the last one the mail is
 * refused with {@link MappingException.Reason#TOO_LARGE}.
 */
public enum ShrinkLevel {
    FULL(true, true, true),
    WITHOUT_ORIGINAL_MIME(false, true, true),
    WITHOUT_INLINE_DATA(false, false, true),
    WITHOUT_XHTML(false, false, false);

    private final boolean originalMime;
    private final boolean inlineData;
    private final boolean xhtml;

    ShrinkLevel(boolean originalMime, boolean inlineData, boolean xhtml) {
        this.originalMime = originalMime;
        this.inlineData = inlineData;
        this.xhtml = xhtml;
    }

    boolean originalMime() {
        return originalMime;
    }

    boolean inlineData() {
        return inlineData;
    }

    boolean xhtml() {
        return xhtml;
    }
}
