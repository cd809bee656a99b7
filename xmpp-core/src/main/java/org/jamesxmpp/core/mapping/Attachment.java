package org.jamesxmpp.core.mapping;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded attachment of a mail: file name (RFC 2231 / RFC 2047 decoded), content type, content id and bytes.
 */
public final class Attachment {
    private final Optional<String> fileName;
    private final String contentType;
    private final Optional<String> contentId;
    private final byte[] content;

    public Attachment(Optional<String> fileName, String contentType, Optional<String> contentId, byte[] content) {
        this.fileName = Objects.requireNonNull(fileName);
        this.contentType = Objects.requireNonNull(contentType);
        this.contentId = Objects.requireNonNull(contentId);
        this.content = content.clone();
    }

    public Optional<String> fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public Optional<String> contentId() {
        return contentId;
    }

    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    byte[] contentNoCopy() {
        return content;
    }

    public String displayName() {
        return fileName.orElse("unnamed " + contentType);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Attachment)) {
            return false;
        }
        Attachment that = (Attachment) other;
        return fileName.equals(that.fileName) && contentType.equals(that.contentType)
            && contentId.equals(that.contentId) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, contentId, Arrays.hashCode(content));
    }
}
