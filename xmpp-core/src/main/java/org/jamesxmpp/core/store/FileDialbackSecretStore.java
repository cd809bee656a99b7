package org.jamesxmpp.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.common.collect.ImmutableList;

/**
 * The dialback secret's generations in one file (readable by its owner only), so keys handed out before a restart
 * still verify after it: one line per generation, newest first, {@code generation createdAtMillis secret}. A file
 * holding a single secret alone on its line (as written before rotation existed) is its first generation, created when
 * the file was last modified. The file is replaced whole (an atomic rename); the stores of one JVM take turns, and a
 * generation another store of the file wrote while the candidate was made wins.
 */
public class FileDialbackSecretStore implements DialbackSecretStore {
    /** Every store of any file in this JVM: rotations are rare, one at a time is plenty. */
    private static final Object WRITERS = new Object();
    /** Anything else on a line is a secret written before rotation existed. */
    private static final Pattern GENERATION_LINE = Pattern.compile("([1-9][0-9]{0,8}) ([0-9]{1,18}) (.+)");

    private final Path file;

    public FileDialbackSecretStore(Path file) {
        this.file = file;
    }

    @Override
    public List<DialbackSecret> rotate(Instant now, Duration interval, Supplier<String> candidate) {
        synchronized (WRITERS) {
            try {
                List<DialbackSecret> current = read();
                if (!DialbackSecretStore.due(current, now, interval)) {
                    return current;
                }
                String secret = candidate.get();
                List<DialbackSecret> meanwhile = read();
                if (!meanwhile.equals(current)) {
                    return meanwhile;
                }
                DialbackSecret next = current.isEmpty() ? new DialbackSecret(1, secret, now) : current.get(0).next(secret, now);
                List<DialbackSecret> generations = Stream.concat(Stream.of(next), current.stream())
                    .limit(KEPT)
                    .collect(ImmutableList.toImmutableList());
                write(generations);
                return generations;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or write the dialback secret in " + file, e);
            }
        }
    }

    private List<DialbackSecret> read() throws IOException {
        if (!Files.exists(file)) {
            return ImmutableList.of();
        }
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(String::trim)
            .filter(line -> !line.isEmpty())
            .map(line -> parse(line, modified))
            .limit(KEPT)
            .collect(ImmutableList.toImmutableList());
    }

    private static DialbackSecret parse(String line, Instant modified) {
        Matcher generation = GENERATION_LINE.matcher(line);
        if (!generation.matches()) {
            return new DialbackSecret(1, line, modified);
        }
        return new DialbackSecret(Integer.parseInt(generation.group(1)), generation.group(3),
            Instant.ofEpochMilli(Long.parseLong(generation.group(2))));
    }

    private void write(List<DialbackSecret> generations) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            StringBuilder content = new StringBuilder();
            for (DialbackSecret generation : generations) {
                content.append(generation.generation()).append(' ').append(generation.createdAt().toEpochMilli())
                    .append(' ').append(generation.secret()).append('\n');
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
