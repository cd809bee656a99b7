package org.jamesxmpp.listener.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/** A file kept for download: what the HTTP answer says about it, until when it is served, and its bytes. */
public record StoredAttachment(String fileName, String contentType, long size, Instant expires, AttachmentContent content) {
    public StoredAttachment {
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(expires);
        Objects.requireNonNull(content);
    }

    /** All its bytes, for files known to be small. */
    public byte[] readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.copy(0, size, out);
        return out.toByteArray();
    }
}
