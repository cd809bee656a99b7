package org.jamesxmpp.it.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jivesoftware.smack.packet.Stanza;

/**
 * The servers behind the suite's peer domains: {@value #DOMAIN}, our own engine on {@link #ADDRESS} (it answers
 * James's dialback questions, so a raw stream that knows its secret authenticates, and it receives what James sends
 * back: stanza errors, bounces), and {@value #TARPIT}, which accepts connections and never says a word.
 */
final class HostilePeer implements AutoCloseable {
    static final String DOMAIN = "hostile.test";
    static final String TARPIT = "tarpit.test";
    static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.90.2", 5269);
    static final InetSocketAddress TARPIT_ADDRESS = new InetSocketAddress("127.0.90.3", 5269);
    static final String JAMES_DOMAIN = "james.test";
    static final InetSocketAddress JAMES = new InetSocketAddress("127.0.0.3", 5269);
    private static final String SECRET = "hostile-suite-secret";

    private final S2sServer server;
    private final ServerSocket tarpit;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Stanza> received = new LinkedBlockingQueue<>();
    private final DialbackKeys keys = new DialbackKeys(SECRET);

    HostilePeer() {
        server = new S2sServer(S2sSettings.builder()
            .bind(ADDRESS)
            .route(new StaticRoute(JAMES_DOMAIN, JAMES.getHostString(), JAMES.getPort()))
            .dialbackSecret(SECRET)
            .build(), LocalDomains.of(DOMAIN), this::receive, new MemoryDialbackSecretStore(), Clock.systemUTC());
        server.start();
        try {
            tarpit = new ServerSocket(TARPIT_ADDRESS.getPort(), 200, TARPIT_ADDRESS.getAddress());
        } catch (IOException e) {
            server.stop();
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::holdConnections, "tarpit");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private CompletableFuture<Void> receive(InboundStanza stanza) {
        received.add(stanza.stanza());
        return CompletableFuture.completedFuture(null);
    }

    private void holdConnections() {
        while (!tarpit.isClosed()) {
            try {
                held.add(tarpit.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The dialback key {@value #DOMAIN} gives for the stream James opened with {@code streamId}. */
    String key(String streamId) {
        return keys.key(JAMES_DOMAIN, DOMAIN, streamId);
    }

    /** The next stanza James sent here with {@code id}, within {@code timeout} (others are dropped). */
    Stanza awaitStanza(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Stanza stanza = received.poll(100, TimeUnit.MILLISECONDS);
            if (stanza != null && id.equals(stanza.getStanzaId())) {
                return stanza;
            }
        }
        throw new AssertionError("James sent no stanza with id " + id + " to " + DOMAIN);
    }

    /** What James sends here within {@code period}. */
    List<Stanza> collect(Duration period) throws InterruptedException {
        List<Stanza> all = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            Stanza stanza = received.poll(100, TimeUnit.MILLISECONDS);
            if (stanza != null) {
                all.add(stanza);
            }
        }
        return all;
    }

    /** Everything James sent here since the last call. */
    List<Stanza> drain() {
        List<Stanza> all = new CopyOnWriteArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** How many connections the tarpit holds (each one a dialback verification James started). */
    int tarpitConnections() {
        return held.size();
    }

    void releaseTarpit() {
        held.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException expected) {
                // already gone
            }
        });
        held.clear();
    }

    @Override
    public void close() throws IOException {
        releaseTarpit();
        tarpit.close();
        server.stop();
    }
}
