package org.jamesxmpp.it.c2s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * A hand-written client stream, for what a real client would never send (auth without TLS), or to look at the TLS of
 * a direct TLS connection.
 */
final class RawClientStream implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder received = new StringBuilder();

    RawClientStream(InetSocketAddress server) throws IOException {
        this(connect(server));
    }

    private RawClientStream(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(200);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, (int) TIMEOUT.toMillis());
        return socket;
    }

    /**
     * TLS from the first byte, offering ALPN {@code alpn}; trusts any certificate (the test's is self-signed) and
     * sends {@code serverName} as SNI.
     */
    static RawClientStream overDirectTls(InetSocketAddress server, String serverName, String alpn)
        throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connect(server), serverName, server.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {alpn});
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.startHandshake();
        return new RawClientStream(socket);
    }

    /** The TLS session of a direct TLS stream. */
    SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /** The ALPN protocol the server selected on a direct TLS stream, empty for none. */
    String applicationProtocol() {
        return ((SSLSocket) socket).getApplicationProtocol();
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
