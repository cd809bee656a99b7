package org.jamesxmpp.core.s2s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A hand-driven s2s connection for tests that must misbehave on purpose. */
class RawStream implements AutoCloseable {
    static final String NAMESPACES = "xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
        + " xmlns:db='jabber:server:dialback'";

    private final Socket socket;
    private final StringBuilder received = new StringBuilder();
    private boolean closedByPeer;

    RawStream(InetSocketAddress address) {
        this(address, Optional.empty());
    }

    /** @param from the local address to connect from (a loopback address other than 127.0.0.1) */
    RawStream(InetSocketAddress address, String from) {
        this(address, Optional.of(from));
    }

    private RawStream(InetSocketAddress address, Optional<String> from) {
        try {
            socket = new Socket();
            if (from.isPresent()) {
                socket.bind(new InetSocketAddress(from.get(), 0));
            }
            socket.connect(address, 2000);
            socket.setSoTimeout(100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(String from, String to) {
        return "<?xml version='1.0'?><stream:stream " + NAMESPACES + " from='" + from + "' to='" + to + "' version='1.0'>";
    }

    RawStream send(String xml) {
        try {
            socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until {@code marker} was received (everything so far returned), or fails after 10 seconds. */
    String readUntil(String marker) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (received.indexOf(marker) < 0) {
            if (Instant.now().isAfter(deadline) || closedByPeer) {
                throw new AssertionError("Expected " + marker + ", received: " + received);
            }
            readSome();
        }
        return received.toString();
    }

    /** Whether the peer closed the connection within 10 seconds. */
    boolean awaitClosedByPeer() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!closedByPeer && Instant.now().isBefore(deadline)) {
            readSome();
        }
        return closedByPeer;
    }

    /** Everything received so far, after waiting a little for more. */
    String poll() {
        readSome();
        return received.toString();
    }

    String streamId() {
        Matcher matcher = Pattern.compile("<stream:stream[^>]* id='([^']+)'").matcher(readUntil("<stream:features>"));
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
