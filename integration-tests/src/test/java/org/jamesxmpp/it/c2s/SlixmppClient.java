package org.jamesxmpp.it.c2s;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real slixmpp process (Debian's python3-slixmpp) logged into our client listener: sends one chat message,
 * prints what it receives. Fails with a clear message when slixmpp is missing.
 */
final class SlixmppClient implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private SlixmppClient(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "slixmpp-output");
        reader.setDaemon(true);
        reader.start();
    }

    static SlixmppClient start(String jid, String password, InetSocketAddress server, String peer, String body,
                               Duration wait) {
        return start(jid, password, server, peer, body, wait, "starttls");
    }

    /** Over direct TLS (XEP-0368, ALPN xmpp-client, no STARTTLS): {@code server} is a direct TLS address. */
    static SlixmppClient startDirectTls(String jid, String password, InetSocketAddress server, String peer, String body,
                                        Duration wait) {
        return start(jid, password, server, peer, body, wait, "direct");
    }

    private static SlixmppClient start(String jid, String password, InetSocketAddress server, String peer, String body,
                                       Duration wait, String mode) {
        checkInstalled();
        try {
            Path script = Path.of(SlixmppClient.class.getResource("/c2s/slixmpp_client.py").toURI());
            Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), jid, password,
                server.getHostString(), String.valueOf(server.getPort()), peer, body, String.valueOf(wait.toSeconds()), mode)
                .redirectErrorStream(true)
                .start();
            return new SlixmppClient(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkInstalled() {
        try {
            if (!Files.isExecutable(PYTHON)
                || new ProcessBuilder(PYTHON.toString(), "-c", "import slixmpp").start().waitFor() != 0) {
                throw new IllegalStateException("slixmpp is missing: the c2s tests need Debian's python3-slixmpp "
                    + "(apt-get install -y python3-slixmpp; bin/test does it when run as root)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the process to end; returns everything it printed. */
    List<String> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("slixmpp still running after " + timeout + ": " + lines);
        }
        reader.join(timeout.toMillis());
        return lines();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
