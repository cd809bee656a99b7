package org.jamesxmpp.listener.attachments;

import java.util.Optional;

import org.apache.james.blob.api.BlobStoreDAO;

/** The blob store of the James the extension runs in, if that James binds one (its JPA server binds none). */
@FunctionalInterface
public interface BlobStoreLookup {
    Optional<BlobStoreDAO> blobStore();
}
