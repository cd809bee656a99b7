package org.jamesxmpp.it.persistent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bin/james-xmpp --data DATA --conf CONF} in its own JVM, as an administrator starts it. */
final class RunCommandProcess implements AutoCloseable {
    private static final String STARTED = "JAMES server started";
    private static final String STOPPED = "JAMES server stopped";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;

    private RunCommandProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the run command, its output in {@code log} (a new file), and waits until James has started. */
    static RunCommandProcess start(Path data, RunConf conf, Path log) throws IOException, InterruptedException {
        Path command = RunConf.repositoryConf().getParent().resolve("bin/james-xmpp");
        ProcessBuilder builder = new ProcessBuilder(List.of(command.toString(),
            "--data", data.toString(), "--conf", conf.directory().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        RunCommandProcess started = new RunCommandProcess(builder.start(), log);
        started.awaitStarted();
        return started;
    }

    enum Ending {
        /** {@code kill -9}: no shutdown hook, no flush, no close. */
        KILL_MINUS_NINE,
        /** What Ctrl-C or a service manager sends: James stops cleanly. */
        SIGTERM
    }

    void end(Ending ending) throws IOException, InterruptedException {
        if (ending == Ending.KILL_MINUS_NINE) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/james-xmpp did not end on " + ending + ":\n" + tail());
        }
        if (ending == Ending.SIGTERM && !log().contains(STOPPED)) {
            throw new IllegalStateException("James did not stop cleanly on SIGTERM:\n" + tail());
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitStarted() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("bin/james-xmpp ended with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("bin/james-xmpp did not start within " + START_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
