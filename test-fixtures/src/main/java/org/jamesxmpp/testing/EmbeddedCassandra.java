package org.jamesxmpp.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

/**
 * One throwaway Cassandra ({@code org.apache.cassandra:cassandra-all} 5.0) per test JVM, started lazily by the first
 * test class that asks for it, shared by all, killed when the JVM exits. It runs in a forked JVM on the class path the
 * {@code embedded-cassandra} module resolved (Cassandra's own library versions, none of them on the test class path),
 * listens on 127.0.0.1 only, on free ports, and keeps its data in a temporary directory.
 */
public final class EmbeddedCassandra {
    public static final String DATACENTER = "datacenter1";
    public static final String CLASS_PATH_PROPERTY = "embedded.cassandra.classpath";

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedCassandra.class);
    private static final String CLASS_PATH_FILE = "embedded-cassandra/target/cassandra-classpath.txt";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> JVM17_OPTIONS = ImmutableList.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
        "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
        "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
        "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED");

    private static EmbeddedCassandra instance;

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int nativePort;
    private final String classPath;
    private volatile Process process;

    /** The running Cassandra, started by the first call. */
    public static synchronized EmbeddedCassandra instance() {
        if (instance == null) {
            instance = start(classPathFile());
        }
        return instance;
    }

    private EmbeddedCassandra(Path directory, int nativePort, String classPath) {
        this.directory = directory;
        this.nativePort = nativePort;
        this.classPath = classPath;
    }

    /** Where CQL clients connect. */
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress(HOST, nativePort);
    }

    /** Cassandra's own log, for failure messages. */
    public Path logFile() {
        return directory.resolve("cassandra.log");
    }

    /** Package-private for the failure test; use {@link #instance()}. */
    static EmbeddedCassandra start(Path classPathFile) {
        try {
            Path directory = Files.createTempDirectory("embedded-cassandra");
            int nativePort = freePort();
            int storagePort = freePort();
            Files.writeString(directory.resolve("cassandra.yaml"), yaml(nativePort, storagePort), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("logback.xml"), logback(directory.resolve("cassandra.log")),
                StandardCharsets.UTF_8);
            String classPath = Files.readString(classPathFile, StandardCharsets.UTF_8).trim()
                + File.pathSeparator + launcherLocation();
            EmbeddedCassandra cassandra = new EmbeddedCassandra(directory, nativePort, classPath);
            Runtime.getRuntime().addShutdownHook(new Thread(cassandra::destroy, "embedded-cassandra-stop"));
            cassandra.launch();
            return cassandra;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Cassandra", e);
        }
    }

    /**
     * Stops Cassandra as an operator does ({@code nodetool drain}, then the process ends): clients see it go away; its
     * data and ports stay for {@link #startAgain()}. For failure tests: other test classes of the JVM share it.
     */
    public synchronized void stopKeepingData() {
        try {
            process.getOutputStream().write(EmbeddedCassandraLauncher.DRAIN_AND_EXIT);
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask the embedded Cassandra to drain", e);
        }
        if (!PeerProcesses.waitFor(process, DRAIN_TIMEOUT)) {
            process.destroyForcibly();
            PeerProcesses.waitFor(process);
        }
        LOGGER.info("Embedded Cassandra on {}:{} stopped (data kept)", HOST, nativePort);
    }

    public boolean running() {
        return process.isAlive();
    }

    /** Starts Cassandra again on the data and ports it had, after {@link #stopKeepingData()}. */
    public synchronized void startAgain() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Cassandra again", e);
        }
    }

    private void launch() throws IOException {
        Instant started = Instant.now();
        process = new ProcessBuilder(command(directory, classPath))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("output.log").toFile()))
            .start();
        awaitStart();
        LOGGER.info("Embedded Cassandra up on {}:{} in {} ms ({})", HOST, nativePort,
            Duration.between(started, Instant.now()).toMillis(), directory);
    }

    private void awaitStart() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!PeerProcesses.listening(HOST, nativePort)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String why = process.isAlive() ? "is not listening after " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with " + process.exitValue();
                // read the logs before stop() deletes them
                String logs = tail(directory.resolve("output.log")) + tail(logFile());
                destroy();
                throw new IllegalStateException("Embedded Cassandra (cassandra-all, forked JVM) on " + HOST + ":"
                    + nativePort + " " + why + "; last lines of its output and log:\n" + logs);
            }
            PeerProcesses.sleep(Duration.ofMillis(200));
        }
    }

    private void destroy() {
        // throwaway data: no need for Cassandra's own slow drain
        process.destroyForcibly();
        PeerProcesses.waitFor(process);
        PeerProcesses.deleteRecursively(directory);
    }

    private static List<String> command(Path directory, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ImmutableList.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError", "-Djdk.attach.allowAttachSelf=true"));
        command.addAll(JVM17_OPTIONS);
        command.addAll(ImmutableList.of(
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dcassandra-foreground=true",
            "-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri(),
            "-Dcassandra.storagedir=" + directory.resolve("data"),
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
            "-cp", classPath,
            EmbeddedCassandraLauncher.class.getName()));
        return command;
    }

    /** A single node, no authentication, small memtables, periodic commit log, no hints: quick to start. */
    private static String yaml(int nativePort, int storagePort) {
        return String.join("\n",
            "cluster_name: james-xmpp-tests",
            "num_tokens: 1",
            "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
            "listen_address: " + HOST,
            "rpc_address: " + HOST,
            "storage_port: " + storagePort,
            "native_transport_port: " + nativePort,
            "start_native_transport: true",
            "seed_provider:",
            "    - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
            "      parameters:",
            "          - seeds: \"" + HOST + ":" + storagePort + "\"",
            "endpoint_snitch: org.apache.cassandra.locator.SimpleSnitch",
            "dynamic_snitch: false",
            "authenticator: AllowAllAuthenticator",
            "authorizer: AllowAllAuthorizer",
            "commitlog_sync: periodic",
            "commitlog_sync_period: 10000ms",
            "commitlog_segment_size: 4MiB",
            "hinted_handoff_enabled: false",
            "memtable_heap_space: 32MiB",
            "memtable_offheap_space: 32MiB",
            "key_cache_size: 0MiB",
            "counter_cache_size: 0MiB",
            "concurrent_reads: 4",
            "concurrent_writes: 4",
            "concurrent_counter_writes: 4",
            "concurrent_compactors: 1",
            "cas_contention_timeout: 5000ms",
            "write_request_timeout: 5000ms",
            "auto_snapshot: false",
            "");
    }

    private static String logback(Path logFile) {
        return "<configuration>\n"
            + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
            + "    <file>" + logFile + "</file>\n"
            + "    <encoder><pattern>%d %level [%thread] %logger{20} %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
            + "</configuration>\n";
    }

    /** {@value #CLASS_PATH_PROPERTY}, else the file the reactor build wrote in a parent of the working directory. */
    private static Path classPathFile() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty(CLASS_PATH_PROPERTY)).map(Paths::get);
        if (configured.isPresent()) {
            return configured.get();
        }
        for (Path directory = Paths.get("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(CLASS_PATH_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + CLASS_PATH_FILE + " above " + Paths.get("").toAbsolutePath()
            + ": build through the reactor (mvn verify -pl MODULE -am), whose embedded-cassandra module resolves"
            + " Cassandra's class path, or set -D" + CLASS_PATH_PROPERTY + "=FILE");
    }

    private static String launcherLocation() {
        try {
            return Paths.get(EmbeddedCassandraLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        List<String> lines = PeerProcesses.read(file).lines().collect(ImmutableList.toImmutableList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
    }
}
