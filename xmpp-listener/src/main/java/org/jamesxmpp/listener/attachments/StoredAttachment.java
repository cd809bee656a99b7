package org.jamesxmpp.listener.attachments;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** A file kept for download: what the HTTP answer says about it, until when it is served, and where its bytes are. */
public record StoredAttachment(String fileName, String contentType, long size, Instant expires, Path content) {
    public StoredAttachment {
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(expires);
        Objects.requireNonNull(content);
    }
}
