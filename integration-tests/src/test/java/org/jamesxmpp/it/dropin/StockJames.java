package org.jamesxmpp.it.dropin;

import java.io.IOException;
import java.net.InetAddress;
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

import com.google.common.collect.ImmutableList;

/**
 * A James server main in a JVM of its own, on the class path of that James's distribution and nothing of the XMPP
 * extension, working directory {@code home}. WebAdmin on a free loopback port.
 */
final class StockJames implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    enum Flavour {
        /** James's own {@code MemoryJamesServerMain} (module stock-james: james-server-memory-app and its dependencies). */
        MEMORY("org.apache.james.MemoryJamesServerMain", "jamesxmpp.stockJamesClasspath", "stock-james"),
        /**
         * James's JPA server as James 3.8.1's {@code JPAJamesServerMain} composes it (module stock-james-jpa: our
         * jpa-server module and James's libraries; James publishes no james-server-jpa-app for 3.8.1).
         */
        JPA("org.jamesxmpp.jpa.JpaJamesServerMain", "jamesxmpp.stockJamesJpaClasspath", "stock-james-jpa");

        private final String mainClass;
        private final String classpathProperty;
        private final String module;

        Flavour(String mainClass, String classpathProperty, String module) {
            this.mainClass = mainClass;
            this.classpathProperty = classpathProperty;
            this.module = module;
        }

        String classpath() throws IOException {
            Path file = Path.of(System.getProperty(classpathProperty, "../" + module + "/target/missing-classpath.txt"));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("stock James class path " + file.toAbsolutePath() + " not found: module "
                    + module + " writes it (mvn generate-resources or later)");
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
    }

    private final Process process;
    private final Path log;
    private final int webAdminPort;

    private StockJames(Process process, Path log, int webAdminPort) {
        this.process = process;
        this.log = log;
        this.webAdminPort = webAdminPort;
    }

    static StockJames start(Flavour flavour, Path home, int webAdminPort) throws Exception {
        Path conf = home.resolve("conf");
        Files.writeString(conf.resolve("webadmin.properties"), "enabled=true\nhost=127.0.0.1\nport=" + webAdminPort + "\n");
        Path log = home.resolve("james.log");
        List<String> command = ImmutableList.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Dworking.directory=" + home,
            "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
            "-Dderby.stream.error.file=" + home.resolve("derby.log"),
            "-cp", flavour.classpath(),
            flavour.mainClass);
        Process process = new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        StockJames james = new StockJames(process, log, webAdminPort);
        james.awaitStarted();
        return james;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** GET on WebAdmin; returns the status code and the body. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path)).GET());
    }

    /** PUT on WebAdmin; returns the status code. */
    int put(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path))
            .header("Content-Type", "application/json")
            .PUT(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("stock James exited with " + process.exitValue() + " while starting:\n" + log());
            }
            try {
                HttpRequest.Builder domains = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + "/domains")).GET();
                if (send(domains).statusCode() == 200 && log().contains("JAMES server started")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("stock James did not start within " + START_TIMEOUT + ":\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
