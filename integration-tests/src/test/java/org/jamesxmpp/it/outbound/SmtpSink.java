package org.jamesxmpp.it.outbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** The smallest SMTP server RemoteDelivery can talk to: accepts every mail and keeps it, for tests. */
public final class SmtpSink implements AutoCloseable {
    public record Received(String sender, List<String> recipients, String data) {
    }

    private static final int MAX_LINES = 100_000;

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public SmtpSink(InetSocketAddress address) {
        try {
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the SMTP sink to " + address, e);
        }
        acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                serve(socket);
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 sink.test ESMTP");
        String sender = "";
        List<String> recipients = new CopyOnWriteArrayList<>();
        for (int lines = 0; lines < MAX_LINES; lines++) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 sink.test");
            } else if (command.startsWith("MAIL FROM:")) {
                sender = line.substring("MAIL FROM:".length()).trim();
                recipients.clear();
                reply(out, "250 OK");
            } else if (command.startsWith("RCPT TO:")) {
                recipients.add(line.substring("RCPT TO:".length()).trim());
                reply(out, "250 OK");
            } else if (command.equals("DATA")) {
                reply(out, "354 go on");
                StringBuilder data = new StringBuilder();
                for (String dataLine = in.readLine(); dataLine != null && !dataLine.equals("."); dataLine = in.readLine()) {
                    data.append(dataLine).append("\r\n");
                }
                received.add(new Received(sender, List.copyOf(recipients), data.toString()));
                reply(out, "250 queued");
            } else if (command.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
