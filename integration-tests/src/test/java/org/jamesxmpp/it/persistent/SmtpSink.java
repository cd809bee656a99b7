package org.jamesxmpp.it.persistent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The remote SMTP server RemoteDelivery hands mail to: accepts every message and keeps it. */
final class SmtpSink implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SmtpSink(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                serve(socket);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // the client went away mid-session: wait for the next one
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 sink.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    messages.add(readData(in));
                    reply(out, "250 kept");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok");
            }
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
