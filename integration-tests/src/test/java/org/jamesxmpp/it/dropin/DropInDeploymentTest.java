package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jamesxmpp.it.RawS2sStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.collect.ImmutableList;

/**
 * The deployment an administrator of an existing James does: James's stock {@code MemoryJamesServerMain}, our jars
 * in {@code extensions-jars/}, {@code extensions.properties} naming our module and listener, {@code xmpp.xml}, and
 * our matcher named by class in {@code mailetcontainer.xml}. Runs James in its own JVM, whose class path holds
 * James's jars only.
 */
class DropInDeploymentTest {
    private static final InetSocketAddress XMPP_LISTENER = new InetSocketAddress("127.0.0.4", 5269);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path workingDirectory;

    private Process james;
    private Path log;
    private int webAdminPort;

    @BeforeEach
    void startStockJamesWithTheExtensionDroppedIn() throws Exception {
        Path conf = workingDirectory.resolve("conf");
        copyDirectory(Path.of(getClass().getResource("/dropin/conf").toURI()), conf);
        webAdminPort = freePort();
        Files.writeString(conf.resolve("webadmin.properties"), "enabled=true\nhost=127.0.0.1\nport=" + webAdminPort + "\n");

        ExtensionClasspath classpath = ExtensionClasspath.ofThisJvm();
        classpath.copyExtensionJarsTo(workingDirectory.resolve("extensions-jars"));

        log = workingDirectory.resolve("james.log");
        List<String> command = ImmutableList.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Dworking.directory=" + workingDirectory,
            "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
            "-cp", classpath.jamesClasspath(),
            "org.apache.james.MemoryJamesServerMain");
        james = new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        awaitWebAdmin();
    }

    @AfterEach
    void stopJames() throws Exception {
        if (james != null) {
            james.destroy();
            if (!james.waitFor(30, TimeUnit.SECONDS)) {
                james.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void stockJamesShouldLoadTheExtensionAndAnswerAnS2sStreamHeader() throws Exception {
        HttpResponse<String> created = webAdmin(HttpRequest.newBuilder(webAdminUri("/domains/james.test"))
            .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(created.statusCode()).isEqualTo(204);

        try (RawS2sStream stream = RawS2sStream.connect(XMPP_LISTENER)) {
            stream.send(RawS2sStream.streamHeader("a.test", "james.test"));
            String answer = stream.readUntil("</stream:features>");

            assertThat(answer)
                .contains("<stream:stream")
                .contains("from='james.test'")
                .contains("</stream:features>");
        }
        assertThat(Files.readString(log)).contains("JAMES server started").doesNotContain("ClassNotFoundException");
    }

    private void awaitWebAdmin() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!james.isAlive()) {
                throw new AssertionError("stock James exited with " + james.exitValue() + " while starting:\n" + Files.readString(log));
            }
            try {
                if (webAdmin(HttpRequest.newBuilder(webAdminUri("/domains")).GET()).statusCode() == 200
                    && Files.readString(log).contains("JAMES server started")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("stock James did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private HttpResponse<String> webAdmin(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI webAdminUri(String path) {
        return URI.create("http://127.0.0.1:" + webAdminPort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyDirectory(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
