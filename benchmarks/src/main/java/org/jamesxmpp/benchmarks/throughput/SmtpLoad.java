package org.jamesxmpp.benchmarks.throughput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A multi-session SMTP load generator like postfix's {@code smtp-source -s N}: each session reuses its connection
 * for its share of the mails. Returns once every mail got its 250 after the data.
 */
final class SmtpLoad {
    private SmtpLoad() {
    }

    /** @return mails accepted */
    static int send(int port, int sessions, int count, String sender, IntFunction<String> recipient, IntFunction<String> mail)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int session = 0; session < sessions; session++) {
                int first = session;
                results.add(executor.submit(() -> session(port, sessions, count, first, sender, recipient, mail)));
            }
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get();
            }
            return accepted;
        } finally {
            executor.shutdownNow();
        }
    }

    private static int session(int port, int sessions, int count, int first, String sender, IntFunction<String> recipient,
                               IntFunction<String> mail) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO load.test", "250");
            int accepted = 0;
            for (int i = first; i < count; i += sessions) {
                command(out, in, "MAIL FROM:<" + sender + ">", "250");
                command(out, in, "RCPT TO:<" + recipient.apply(i) + ">", "250");
                command(out, in, "DATA", "354");
                out.write((mail.apply(i) + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                expect(in, "250");
                accepted++;
            }
            command(out, in, "QUIT", "221");
            return accepted;
        }
    }

    private static void command(OutputStream out, BufferedReader in, String command, String code) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed while waiting for " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
    }
}
