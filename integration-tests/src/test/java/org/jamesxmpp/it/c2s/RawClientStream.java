package org.jamesxmpp.it.c2s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** A hand-written client stream, for what a real client would never send (auth without TLS). */
final class RawClientStream implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder received = new StringBuilder();

    RawClientStream(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, (int) TIMEOUT.toMillis());
        socket.setSoTimeout(200);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClientStream send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads until what was received (since the start) contains {@code marker}; returns all of it. */
    String readUntil(String marker) throws IOException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        byte[] buffer = new byte[4096];
        while (!received.toString().contains(marker)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + marker + " within " + TIMEOUT + ", got: " + received);
            }
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    throw new AssertionError("stream closed before " + marker + ", got: " + received);
                }
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                // read again until the deadline
            }
        }
        return received.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
