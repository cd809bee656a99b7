package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.ObjectNotFoundException;
import org.jamesxmpp.core.mapping.Attachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.io.ByteStreams;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps attachments in James's blob store (the {@link BlobStoreDAO} James binds: Cassandra or S3 in a distributed
 * James, so that every node serves every link), in bucket {@value #BUCKET}: blob {@code data-<token>} holds the bytes,
 * {@code meta-<token>} name, type, size and expiry, {@code ref-<SHA-256>} the token of the same file stored before.
 * Expired files are not served; they are deleted at most once a {@link #PURGE_INTERVAL}, when a new one is stored
 * (a purge lists the bucket, which a blob store does slowly).
 */
public class BlobStoreAttachments implements AttachmentStore {
    public static final String BUCKET = "xmpp-attachments";
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(BlobStoreAttachments.class);
    private static final BucketName BUCKET_NAME = BucketName.of(BUCKET);
    private static final String DATA = "data-";
    private static final String META = "meta-";
    private static final String REF = "ref-";

    private final BlobStoreDAO blobs;
    private final BlobId.Factory ids;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    public BlobStoreAttachments(BlobStoreDAO blobs, BlobId.Factory ids, Clock clock) {
        this.blobs = blobs;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public synchronized String store(Attachment attachment, Instant expires) throws IOException {
        purgeExpiredIfDue();
        BlobId ref = ids.from(REF + AttachmentRecords.digest(attachment));
        Optional<String> existing = read(ref).map(bytes -> new String(bytes, StandardCharsets.US_ASCII))
            .filter(AttachmentRecords::isToken);
        Optional<StoredAttachment> stored = existing.flatMap(this::find);
        if (stored.isPresent()) {
            if (expires.isAfter(stored.get().expires())) {
                save(ids.from(META + existing.get()), AttachmentRecords.describe(attachment, expires));
            }
            return existing.get();
        }
        String token = AttachmentRecords.newToken();
        save(ids.from(DATA + token), attachment.content());
        save(ids.from(META + token), AttachmentRecords.describe(attachment, expires));
        save(ref, token.getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    @Override
    public Optional<StoredAttachment> find(String token) {
        if (!AttachmentRecords.isToken(token)) {
            return Optional.empty();
        }
        try {
            BlobId data = ids.from(DATA + token);
            return liveDescription(token).map(description -> new StoredAttachment(description.fileName(),
                description.contentType(), description.size(), description.expires(),
                (first, length, out) -> copy(data, first, length, out)));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Unreadable attachment {}: {}", token, e.toString());
            return Optional.empty();
        }
    }

    /** Empty when there is none or it expired; an error of the blob store is not taken for either. */
    private Optional<AttachmentRecords.Description> liveDescription(String token) throws IOException {
        return read(ids.from(META + token)).map(AttachmentRecords::read)
            .filter(description -> clock.instant().isBefore(description.expires()));
    }

    private void copy(BlobId data, long first, long length, OutputStream out) throws IOException {
        try (InputStream in = blobs.read(BUCKET_NAME, data)) {
            in.skipNBytes(first);
            if (ByteStreams.copy(ByteStreams.limit(in, length), out) < length) {
                throw new IOException("the blob ended before its size");
            }
        } catch (ObjectNotFoundException e) {
            throw new IOException("the blob of the attachment is gone", e);
        }
    }

    private Optional<byte[]> read(BlobId id) throws IOException {
        try {
            return Optional.ofNullable(Mono.from(blobs.readBytes(BUCKET_NAME, id)).block());
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new IOException("the blob store could not be read: " + e, e);
        }
    }

    private void save(BlobId id, byte[] bytes) throws IOException {
        try {
            Mono.from(blobs.save(BUCKET_NAME, id, bytes)).block();
        } catch (RuntimeException e) {
            throw new IOException("the blob store could not be written: " + e, e);
        }
    }

    private void purgeExpiredIfDue() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (now.isBefore(last.plus(PURGE_INTERVAL)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try {
            List<String> names = Flux.from(blobs.listBlobs(BUCKET_NAME)).map(BlobId::asString).collectList().block();
            for (String name : names) {
                purgeIfExpired(name);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Could not purge expired attachments in blob bucket {}: {}", BUCKET, e.toString());
        }
    }

    private void purgeIfExpired(String name) throws IOException {
        try {
            if (name.startsWith(META)) {
                String token = name.substring(META.length());
                if (AttachmentRecords.isToken(token) && liveDescription(token).isEmpty()) {
                    delete(ids.from(DATA + token));
                    delete(ids.from(name));
                }
            } else if (name.startsWith(REF)) {
                BlobId ref = ids.from(name);
                Optional<String> token = read(ref).map(bytes -> new String(bytes, StandardCharsets.US_ASCII))
                    .filter(AttachmentRecords::isToken);
                if (token.isEmpty() || liveDescription(token.get()).isEmpty()) {
                    delete(ref);
                }
            }
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Attachment blob {} is not one this server wrote, kept: {}", name, e.getMessage());
        }
    }

    private void delete(BlobId id) {
        Mono.from(blobs.delete(BUCKET_NAME, id)).block();
    }
}
