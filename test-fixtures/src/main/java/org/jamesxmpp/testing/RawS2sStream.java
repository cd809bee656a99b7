package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare TCP client speaking an s2s stream by hand, to see what a listener answers to input a real server would
 * never send. Everything received is kept: each read returns all of it so far.
 */
public class RawS2sStream implements AutoCloseable {
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String NAMESPACES = "xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
        + " xmlns:db='jabber:server:dialback'";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int POLL_MILLIS = 50;

    private final Socket socket;
    private final StringBuilder received = new StringBuilder();
    private boolean closedByPeer;

    public static RawS2sStream connect(InetSocketAddress address) {
        return connect(address, null);
    }

    /** @param from the local (loopback) address to connect from, or null for any */
    public static RawS2sStream connect(InetSocketAddress address, String from) {
        Socket socket = new Socket();
        try {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout(POLL_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RawS2sStream(socket);
    }

    private RawS2sStream(Socket socket) {
        this.socket = socket;
    }

    public static String streamHeader(String from, String to) {
        return "<?xml version='1.0'?><stream:stream " + NAMESPACES + " from='" + from + "' to='" + to + "' version='1.0'>";
    }

    public RawS2sStream send(String xml) {
        return send(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A write the listener no longer reads (it closed) is dropped: what it answered before is still read. */
    public RawS2sStream send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            if (socket.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Reads until {@code marker} was received, the peer closed, or the timeout passed; returns all read so far. */
    public String readUntil(String marker) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (received.indexOf(marker) < 0 && !closedByPeer && System.nanoTime() < deadline) {
            readSome();
        }
        return received.toString();
    }

    /** As {@link #readUntil}, failing when {@code marker} did not come. */
    public String await(String marker) {
        String all = readUntil(marker);
        if (!all.contains(marker)) {
            throw new AssertionError("Expected " + marker + ", received: " + all);
        }
        return all;
    }

    /** Whether the listener closed the connection within the timeout. */
    public boolean awaitClosedByPeer() {
        readUntil("\u0000never");
        return closedByPeer;
    }

    /** Everything received so far, after a short wait for more. */
    public String poll() {
        readSome();
        return received.toString();
    }

    /** Everything received so far, reading only what already arrived (no wait). */
    public String available() {
        try {
            while (!closedByPeer && socket.getInputStream().available() > 0) {
                readSome();
            }
        } catch (IOException e) {
            closedByPeer = true;
        }
        return received.toString();
    }

    /** The id of the stream the listener opened (its header must have come). */
    public String streamId() {
        Matcher matcher = Pattern.compile("<stream:stream[^>]* id='([^']+)'").matcher(await("<stream:features>"));
        if (!matcher.find()) {
            throw new AssertionError("No stream id in " + received);
        }
        return matcher.group(1);
    }

    private void readSome() {
        byte[] buffer = new byte[8192];
        try {
            InputStream input = socket.getInputStream();
            int read = input.read(buffer);
            if (read < 0) {
                closedByPeer = true;
            } else {
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            // nothing yet
        } catch (IOException e) {
            closedByPeer = true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
