package org.jamesxmpp.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare TCP client speaking the first bytes of an s2s stream, to see what a listener answers to a stream header
 * before any authentication.
 */
public class RawS2sStream implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;

    public static RawS2sStream connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return new RawS2sStream(socket);
    }

    private RawS2sStream(Socket socket) {
        this.socket = socket;
    }

    public static String streamHeader(String from, String to) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns:db='jabber:server:dialback' from='" + from + "' to='" + to + "' version='1.0'>";
    }

    public void send(String xml) throws IOException {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code marker} was received, the peer closed, or the timeout passed; returns all it read. */
    public String readUntil(String marker) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (read < 0) {
                break;
            }
            received.write(buffer, 0, read);
            if (received.toString(StandardCharsets.UTF_8).contains(marker)) {
                break;
            }
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
