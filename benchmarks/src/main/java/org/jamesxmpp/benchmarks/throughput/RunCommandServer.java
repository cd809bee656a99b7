package org.jamesxmpp.benchmarks.throughput;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real run command ({@code bin/james-xmpp}) on a fresh data directory, with the repository's {@code conf/}
 * moved to free loopback ports: SMTP, submission, IMAP and WebAdmin on 127.0.0.1, XMPP on {@code xmppAddress}:5269,
 * with a static route to the peer domain.
 */
final class RunCommandServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    final int smtpPort;
    final int imapPort;
    final int webAdminPort;

    private RunCommandServer(Process process, Path log, int smtpPort, int imapPort, int webAdminPort) {
        this.process = process;
        this.log = log;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.webAdminPort = webAdminPort;
    }

    record Route(String domain, String address) {
    }

    /** Where RemoteDelivery sends every mail (instead of the MX of the recipient's domain). */
    record Gateway(String address, int port) {
    }

    static RunCommandServer start(Path repository, Path directory, String xmppAddress, String peerDomain, String peerAddress,
                                  List<String> extraArguments) throws Exception {
        return start(repository, directory, xmppAddress, List.of(new Route(peerDomain, peerAddress)), null, extraArguments);
    }

    static RunCommandServer start(Path repository, Path directory, String xmppAddress, List<Route> routes, Gateway gateway,
                                  List<String> extraArguments) throws Exception {
        Path conf = Files.createDirectories(directory.resolve("conf"));
        try (Stream<Path> files = Files.list(repository.resolve("conf"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        int smtpPort = freePort();
        int submissionPort = freePort();
        int imapPort = freePort();
        int webAdminPort = freePort();
        replace(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + smtpPort + "</bind>");
        replace(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:587</bind>", "<bind>127.0.0.1:" + submissionPort + "</bind>");
        replace(conf.resolve("imapserver.xml"), "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:" + imapPort + "</bind>");
        replace(conf.resolve("webadmin.properties"), "port=8000", "port=" + webAdminPort);
        replace(conf.resolve("xmpp.xml"), "<bind>0.0.0.0:5269</bind>", "<bind>" + xmppAddress + ":5269</bind>");
        for (Route route : routes) {
            replace(conf.resolve("xmpp.xml"), "<routes>",
                "<routes>\n        <route domain=\"" + route.domain() + "\" host=\"" + route.address() + "\" port=\"5269\"/>");
        }
        if (gateway != null) {
            replace(conf.resolve("mailetcontainer.xml"), "<outgoing>outgoing</outgoing>", "<outgoing>outgoing</outgoing>\n"
                + "                <gateway>" + gateway.address() + "</gateway>\n                <gatewayPort>" + gateway.port() + "</gatewayPort>");
        }

        Path log = directory.resolve("james.log");
        List<String> command = new ArrayList<>(List.of(repository.resolve("bin/james-xmpp").toString(),
            "--conf", conf.toString(), "--data", directory.resolve("data").toString()));
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // BENCH_JAVA_OPTS: e.g. a JFR recording of the server
        builder.environment().put("JAVA_OPTS", "-Xmx2g " + System.getenv().getOrDefault("BENCH_JAVA_OPTS", ""));
        RunCommandServer server = new RunCommandServer(builder.start(), log, smtpPort, imapPort, webAdminPort);
        server.awaitStarted();
        return server;
    }

    /** The run command's JVM (bin/james-xmpp execs java). */
    long pid() {
        return process.pid();
    }

    void put(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path))
                .header("Content-Type", "application/json")
                .PUT(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the run command exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("JAMES server started")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the run command did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static void replace(Path file, String text, String replacement) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        if (!content.contains(text)) {
            throw new IllegalStateException(file + " has no " + text);
        }
        Files.writeString(file, content.replace(text, replacement), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
