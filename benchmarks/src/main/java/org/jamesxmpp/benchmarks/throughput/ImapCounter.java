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

/**
 * How many messages an IMAP client sees in the INBOX, polled with {@code STATUS} on one logged-in connection: a
 * new LOGIN per poll would run the password hash each time, and {@code SELECT} clears {@code \Recent}, which the
 * persistent mailbox stores and re-indexes, so either would add work of the harness's own to the path measured.
 */
final class ImapCounter {
    private static final Pattern MESSAGES = Pattern.compile("^\\* STATUS \"?INBOX\"? \\(MESSAGES (\\d+)\\)");

    private ImapCounter() {
    }

    /** Polls until {@code expected} messages are visible; returns when they are, fails after {@code timeout}. */
    static void await(int port, String user, String password, int expected, Duration timeout) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            send(out, "a LOGIN \"" + user + "\" \"" + password + "\"");
            awaitTagged(in, "a");
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            for (int poll = 0; System.nanoTime() < deadline; poll++) {
                send(out, "s" + poll + " STATUS INBOX (MESSAGES)");
                seen = awaitTagged(in, "s" + poll);
                if (seen >= expected) {
                    if (seen > expected) {
                        throw new IllegalStateException(user + " has " + seen + " messages, expected " + expected + " (duplicates)");
                    }
                    send(out, "z LOGOUT");
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(user + " sees " + seen + " of " + expected + " messages after " + timeout);
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return the MESSAGES count of a STATUS answer before the tagged OK, or -1 */
    private static int awaitTagged(BufferedReader in, String tag) throws IOException {
        int messages = -1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher matcher = MESSAGES.matcher(line);
            if (matcher.find()) {
                messages = Integer.parseInt(matcher.group(1));
            }
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException("IMAP: " + line);
                }
                return messages;
            }
        }
        throw new IOException("IMAP connection closed");
    }
}
