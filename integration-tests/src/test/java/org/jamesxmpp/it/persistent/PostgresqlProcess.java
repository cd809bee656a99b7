package org.jamesxmpp.it.persistent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL (Debian's {@code postgresql} package) on {@code 127.0.0.1}, its cluster in a temporary
 * directory, run as the {@code postgres} user when the test runs as root. Without PostgreSQL the test fails, naming
 * the package.
 */
final class PostgresqlProcess implements AutoCloseable {
    static final String USER = "james";
    static final String PASSWORD = "secret";
    private static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final Process process;

    private PostgresqlProcess(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    static PostgresqlProcess start() throws IOException, InterruptedException {
        Optional<Path> binaries = binaries();
        if (binaries.isEmpty()) {
            throw new IllegalStateException("PostgreSQL server binaries are missing: install postgresql (bin/test does)");
        }
        Path directory = Files.createTempDirectory("james-xmpp-postgresql");
        run(List.of("chmod", "755", directory.toString()));
        Path cluster = directory.resolve("cluster");
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres", directory.toString()));
        }
        run(asPostgres(binaries.get().resolve("initdb").toString(), "-D", cluster.toString(), "-U", USER,
            "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"));
        int port = RunConf.freePort();
        Process process = new ProcessBuilder(asPostgres(binaries.get().resolve("postgres").toString(),
                "-D", cluster.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-k", directory.toString(), "-F"))
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("postgresql.log").toFile())
            .start();
        PostgresqlProcess started = new PostgresqlProcess(directory, port, process);
        started.awaitConnectable();
        return started;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void awaitConnectable() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("PostgreSQL did not start on port " + port, last);
    }

    private static Optional<Path> binaries() {
        return Optional.of(BINARIES).filter(path -> Files.isExecutable(path.resolve("initdb")));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(String... command) {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }
}
