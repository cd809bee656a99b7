package org.jamesxmpp.benchmarks.throughput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP client idling on a user's INBOX (RFC 2177), as a mail client waits for new mail: notes when each
 * message became visible (the {@code EXISTS} that counted it), then fetches the subjects to name them.
 */
final class ImapIdleWatcher implements AutoCloseable {
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** System.nanoTime() at which message number i + 1 became visible. */
    private final List<Long> visibleNanos = new ArrayList<>();
    private final Thread reader;
    private volatile Exception failure;

    private ImapIdleWatcher(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readWhileIdle, "imap-idle-watcher");
    }

    static ImapIdleWatcher watch(int port, String user, String password) throws IOException {
        ImapIdleWatcher watcher = new ImapIdleWatcher(new Socket("127.0.0.1", port));
        watcher.in.readLine();
        watcher.send("a LOGIN \"" + user + "\" \"" + password + "\"");
        watcher.awaitTagged("a");
        watcher.send("b SELECT INBOX");
        watcher.awaitTagged("b");
        watcher.send("c IDLE");
        String line = watcher.in.readLine();
        if (line == null || !line.startsWith("+")) {
            throw new IOException("IMAP IDLE refused: " + line);
        }
        watcher.reader.start();
        return watcher;
    }

    /** Waits until {@code expected} messages are visible, ends the IDLE and returns when each arrived, by subject. */
    Arrivals awaitVisible(int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (visibleNanos) {
            while (visibleNanos.size() < expected && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("visible over IMAP: " + visibleNanos.size() + " of " + expected + " after " + timeout);
                }
                visibleNanos.wait(Math.max(1, left / 1_000_000));
            }
        }
        send("DONE");
        reader.join(timeout.toMillis());
        if (failure != null) {
            throw failure;
        }
        Arrivals arrivals = new Arrivals();
        send("d FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
        int number = 0;
        int fetched = 0;
        for (String line = in.readLine(); line != null && !line.startsWith("d "); line = in.readLine()) {
            Matcher fetch = FETCH.matcher(line);
            if (fetch.find()) {
                number = Integer.parseInt(fetch.group(1));
                fetched = Math.max(fetched, number);
            } else if (line.startsWith("Subject: ") && number > 0) {
                arrivals.arrived(line.substring("Subject: ".length()), visibleAt(number));
            }
        }
        if (fetched != expected) {
            throw new IllegalStateException("INBOX holds " + fetched + " messages, expected " + expected);
        }
        return arrivals;
    }

    private long visibleAt(int number) {
        synchronized (visibleNanos) {
            return number <= visibleNanos.size() ? visibleNanos.get(number - 1) : System.nanoTime();
        }
    }

    private void readWhileIdle() {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long now = System.nanoTime();
                Matcher exists = EXISTS.matcher(line);
                if (exists.find()) {
                    int count = Integer.parseInt(exists.group(1));
                    synchronized (visibleNanos) {
                        while (visibleNanos.size() < count) {
                            visibleNanos.add(now);
                        }
                        visibleNanos.notifyAll();
                    }
                } else if (line.startsWith("c ")) {
                    return;
                }
            }
            failure = new IOException("IMAP connection closed while idling");
        } catch (IOException e) {
            failure = e;
        }
        synchronized (visibleNanos) {
            visibleNanos.notifyAll();
        }
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void awaitTagged(String tag) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException("IMAP: " + line);
                }
                return;
            }
        }
        throw new IOException("IMAP connection closed");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
