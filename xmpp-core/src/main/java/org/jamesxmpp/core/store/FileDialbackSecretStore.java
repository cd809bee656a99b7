package org.jamesxmpp.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dialback secret in one file (readable by its owner only), so keys handed out before a restart still verify
 * after it. The first secret written wins: a file that already holds one is never replaced.
 */
public class FileDialbackSecretStore implements DialbackSecretStore {
    private final Path file;

    public FileDialbackSecretStore(Path file) {
        this.file = file;
    }

    @Override
    public synchronized String retrieveOrStore(Supplier<String> candidate) {
        try {
            Optional<String> stored = read();
            if (stored.isPresent()) {
                return stored.get();
            }
            return store(candidate.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the dialback secret in " + file, e);
        }
    }

    private Optional<String> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
            .filter(secret -> !secret.isEmpty());
    }

    private String store(String secret) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            // a hard link fails when the file exists (a rename would replace it): the first complete secret wins,
            // whichever instance or process wrote it
            Files.createLink(file, temporary);
            return secret;
        } catch (FileAlreadyExistsException e) {
            Optional<String> stored = read();
            if (stored.isPresent()) {
                return stored.get();
            }
            // an empty file holds no secret anyone was given: replace it
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
