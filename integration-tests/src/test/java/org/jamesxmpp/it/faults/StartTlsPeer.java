package org.jamesxmpp.it.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An s2s peer on a raw socket that requires STARTTLS and answers our {@code <starttls/>} with {@code <proceed/>},
 * then either handshakes with a certificate of its own ({@code tls}: one we do not trust) or, without one, writes
 * bytes that are no TLS record and hangs up. Counts the connections and the handshakes that failed on its side.
 */
final class StartTlsPeer implements AutoCloseable {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0' id='tls'>"
        + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>";

    private final ServerSocket server;
    private final Optional<SSLContext> tls;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger proceeded = new AtomicInteger();

    private StartTlsPeer(ServerSocket server, Optional<SSLContext> tls) {
        this.server = server;
        this.tls = tls;
    }

    static StartTlsPeer start(String address, Optional<SSLContext> tls) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, 5269));
        StartTlsPeer peer = new StartTlsPeer(server, tls);
        peer.threads.execute(peer::acceptLoop);
        return peer;
    }

    int accepted() {
        return accepted.get();
    }

    /** Connections where James asked for STARTTLS and got {@code <proceed/>}. */
    int proceeded() {
        return proceeded.get();
    }

    int stillOpen() {
        return open.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            readUntil(in, "<stream:stream", '>');
            write(out, HEADER);
            readUntil(in, "<starttls", '>');
            write(out, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            proceeded.incrementAndGet();
            if (tls.isEmpty()) {
                write(out, "this is not a TLS record\r\n");
                return;
            }
            try (SSLSocket encrypted = (SSLSocket) tls.get().getSocketFactory().createSocket(socket, "james.test", 5269, true)) {
                encrypted.setUseClientMode(false);
                encrypted.startHandshake();
                encrypted.getInputStream().read();
            }
        } catch (IOException e) {
            // James refused the handshake or hung up: what this peer waits for
        } finally {
            open.remove(socket);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void readUntil(InputStream in, String start, char end) throws IOException {
        StringBuilder seen = new StringBuilder();
        int read;
        while ((read = in.read()) >= 0) {
            seen.append((char) read);
            if (seen.indexOf(start) >= 0 && read == end) {
                return;
            }
        }
        throw new IOException("closed before " + start);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
