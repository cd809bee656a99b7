package org.jamesxmpp.it.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving s2s peer on a raw socket: it accepts TCP and then either never answers, or answers our stream header
 * with its own and hangs up. Counts the connections James opened and those still open.
 */
final class FakeS2sPeer implements AutoCloseable {
    enum Behaviour {
        NEVER_ANSWERS,
        CLOSES_AFTER_HEADER,
        /** Takes our dialback at its word, refuses stream management, answers the first stanza with a stream error. */
        STREAM_ERROR_ON_STANZA
    }

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0' id='fake'>";

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private FakeS2sPeer(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
    }

    static FakeS2sPeer start(String address, Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, 5269));
        FakeS2sPeer peer = new FakeS2sPeer(server, behaviour);
        peer.threads.execute(peer::acceptLoop);
        return peer;
    }

    int accepted() {
        return accepted.get();
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
            if (behaviour == Behaviour.CLOSES_AFTER_HEADER) {
                readUntilHeaderEnd(in);
                out.write(HEADER.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            if (behaviour == Behaviour.STREAM_ERROR_ON_STANZA) {
                streamErrorOnStanza(in, out);
                return;
            }
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // reads what James sends, answers nothing, until James gives up and closes
            }
        } catch (IOException e) {
            // the connection ended: that is all this peer waits for
        } finally {
            open.remove(socket);
        }
    }

    private static void streamErrorOnStanza(InputStream in, OutputStream out) throws IOException {
        readUntilHeaderEnd(in);
        write(out, HEADER + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
        StringBuilder seen = new StringBuilder();
        boolean dialbackAnswered = false;
        boolean enableAnswered = false;
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (!dialbackAnswered && seen.indexOf("</db:result>") >= 0) {
                dialbackAnswered = true;
                write(out, "<db:result from='errs.test' to='james.test' type='valid'/>");
            }
            if (!enableAnswered && seen.indexOf("<enable") >= 0) {
                enableAnswered = true;
                write(out, "<failed xmlns='urn:xmpp:sm:3'/>");
            }
            if (seen.indexOf("<message") >= 0) {
                write(out, "<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                    + "</stream:stream>");
                return;
            }
        }
    }

    private static void write(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void readUntilHeaderEnd(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        int read;
        while ((read = in.read()) >= 0) {
            seen.append((char) read);
            if (seen.indexOf("<stream:stream") >= 0 && read == '>') {
                return;
            }
        }
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
