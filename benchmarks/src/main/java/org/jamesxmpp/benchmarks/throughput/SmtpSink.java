package org.jamesxmpp.benchmarks.throughput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A mail server at the end of RemoteDelivery: accepts every mail, keeps nothing, counts. */
final class SmtpSink implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService sessions = Executors.newCachedThreadPool();
    private final AtomicInteger received = new AtomicInteger();
    private final Arrivals arrivals = new Arrivals();

    SmtpSink(String address, int port) throws IOException {
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, port));
        sessions.submit(this::accept);
    }

    int received() {
        return received.get();
    }

    /** When each mail's data ended, by subject. */
    Arrivals arrivals() {
        return arrivals;
    }

    private Void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                sessions.submit(() -> session(connection));
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private Void session(Socket connection) throws IOException {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            reply(out, "220 sink.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go on");
                        String subject = null;
                        boolean inHeader = true;
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            // the content is not kept, only the subject names the mail
                            inHeader = inHeader && !data.isEmpty();
                            if (inHeader && subject == null && data.startsWith("Subject: ")) {
                                subject = data.substring("Subject: ".length());
                            }
                        }
                        arrivals.arrived(subject);
                        received.incrementAndGet();
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return null;
                    }
                    default -> reply(out, "502 not here");
                }
            }
            return null;
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        sessions.shutdownNow();
    }
}
