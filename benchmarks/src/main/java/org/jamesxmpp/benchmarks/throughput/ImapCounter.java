package org.jamesxmpp.benchmarks.throughput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many messages an IMAP client sees in a mailbox (SELECT's EXISTS), as a mail client polls for them. */
final class ImapCounter {
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");

    private ImapCounter() {
    }

    static int count(int port, String user, String password, String mailbox) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            send(out, "a LOGIN \"" + user + "\" \"" + password + "\"");
            awaitTagged(in, "a", null);
            send(out, "b SELECT \"" + mailbox + "\"");
            int[] exists = {0};
            awaitTagged(in, "b", exists);
            send(out, "c LOGOUT");
            return exists[0];
        }
    }

    /** Polls until {@code expected} messages are visible; returns when they are, fails after {@code timeout}. */
    static void await(int port, String user, String password, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = count(port, user, password, "INBOX");
            if (seen >= expected) {
                if (seen > expected) {
                    throw new IllegalStateException(user + " has " + seen + " messages, expected " + expected + " (duplicates)");
                }
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(user + " sees " + seen + " of " + expected + " messages after " + timeout);
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void awaitTagged(BufferedReader in, String tag, int[] exists) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher matcher = EXISTS.matcher(line);
            if (exists != null && matcher.find()) {
                exists[0] = Integer.parseInt(matcher.group(1));
            }
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException("IMAP: " + line);
                }
                return;
            }
        }
        throw new IOException("IMAP connection closed");
    }
}
