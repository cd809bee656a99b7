package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jamesxmpp.core.mapping.Attachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps attachments as files of one directory, each under a capability token: {@code <token>.data} holds the
 * bytes, {@code <token>.properties} name, type and expiry. Expired files are not served and are deleted at most once a minute, when a new one is stored. A file
 * shared by several James nodes works as long as they share the directory.
 *
 * <p>The same file (same bytes, name and type) is kept once: {@code <SHA-256>.ref} names its token, and storing it
 * again while it is still served (a delivery retried, a mail pushed to a client as well) returns that token and only
 * moves its expiry later. Whoever holds one link to it holds the same bytes anyway.
 */
public class AttachmentDirectory implements AttachmentStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(AttachmentDirectory.class);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final String DATA = ".data";
    private static final String META = ".properties";
    private static final String REF = ".ref";

    private final Path directory;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    public AttachmentDirectory(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachment directory " + directory, e);
        }
    }

    @Override
    public synchronized String store(Attachment attachment, Instant expires) throws IOException {
        purgeExpiredIfDue();
        Path ref = directory.resolve(AttachmentRecords.digest(attachment) + REF);
        Optional<String> existing = readRef(ref).filter(token -> find(token).isPresent());
        if (existing.isPresent()) {
            StoredAttachment stored = find(existing.get()).orElseThrow();
            if (expires.isAfter(stored.expires())) {
                writeMeta(existing.get(), attachment, expires);
            }
            return existing.get();
        }
        String token = storeNew(attachment, expires);
        Path refTemporary = Files.createTempFile(directory, "incoming-", ".tmp");
        Files.writeString(refTemporary, token, StandardCharsets.US_ASCII);
        Files.move(refTemporary, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return token;
    }

    private String storeNew(Attachment attachment, Instant expires) throws IOException {
        String token = AttachmentRecords.newToken();
        Path temporary = Files.createTempFile(directory, "incoming-", ".tmp");
        try {
            Files.write(temporary, attachment.content());
            Files.move(temporary, directory.resolve(token + DATA), StandardCopyOption.ATOMIC_MOVE);
            writeMeta(token, attachment, expires);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return token;
    }

    private void writeMeta(String token, Attachment attachment, Instant expires) throws IOException {
        Path metaTemporary = Files.createTempFile(directory, "incoming-", ".tmp");
        try {
            Files.write(metaTemporary, AttachmentRecords.describe(attachment, expires));
            Files.move(metaTemporary, directory.resolve(token + META), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(metaTemporary);
        }
    }

    private static Optional<String> readRef(Path ref) {
        try {
            return Optional.of(Files.readString(ref, StandardCharsets.US_ASCII).trim()).filter(AttachmentRecords::isToken);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<StoredAttachment> find(String token) {
        if (!AttachmentRecords.isToken(token)) {
            return Optional.empty();
        }
        Path metaFile = directory.resolve(token + META);
        Path data = directory.resolve(token + DATA);
        if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(data)) {
            return Optional.empty();
        }
        try {
            AttachmentRecords.Description meta = AttachmentRecords.read(Files.readAllBytes(metaFile));
            if (!clock.instant().isBefore(meta.expires())) {
                return Optional.empty();
            }
            return Optional.of(new StoredAttachment(meta.fileName(), meta.contentType(), Files.size(data), meta.expires(),
                (first, length, out) -> copy(data, first, length, out)));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Unreadable attachment {}: {}", token, e.toString());
            return Optional.empty();
        }
    }

    private static void copy(Path data, long first, long length, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            WritableByteChannel target = Channels.newChannel(out);
            long position = first;
            long remaining = length;
            while (remaining > 0) {
                long sent = channel.transferTo(position, remaining, target);
                if (sent <= 0) {
                    throw new IOException("the file ended before its size");
                }
                position += sent;
                remaining -= sent;
            }
        }
    }

    private void purgeExpiredIfDue() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (now.isBefore(last.plus(PURGE_INTERVAL)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + META)) {
            for (Path metaFile : files) {
                String name = metaFile.getFileName().toString();
                String token = name.substring(0, name.length() - META.length());
                if (AttachmentRecords.isToken(token) && find(token).isEmpty()) {
                    Files.deleteIfExists(directory.resolve(token + DATA));
                    Files.deleteIfExists(metaFile);
                }
            }
        } catch (IOException e) {
            LOGGER.warn("Could not purge expired attachments in {}: {}", directory, e.toString());
        }
        try (DirectoryStream<Path> refs = Files.newDirectoryStream(directory, "*" + REF)) {
            for (Path ref : refs) {
                if (readRef(ref).flatMap(this::find).isEmpty()) {
                    Files.deleteIfExists(ref);
                }
            }
        } catch (IOException e) {
            LOGGER.warn("Could not purge expired attachment references in {}: {}", directory, e.toString());
        }
    }
}
