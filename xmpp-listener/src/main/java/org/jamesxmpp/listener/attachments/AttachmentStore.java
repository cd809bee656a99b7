package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.jamesxmpp.core.mapping.Attachment;

/**
 * Where attachments served by link are kept, each under a capability token (the only way to find it): a
 * directory ({@link AttachmentDirectory}) or James's blob store ({@link BlobStoreAttachments}). The same file (same
 * bytes, name and type) stored again while it is still served keeps its token and only moves its expiry later.
 */
public interface AttachmentStore {
    /** @return the token the file is found by */
    String store(Attachment attachment, Instant expires) throws IOException;

    /** The file of {@code token}, unless it is unknown, malformed or expired. */
    Optional<StoredAttachment> find(String token);
}
