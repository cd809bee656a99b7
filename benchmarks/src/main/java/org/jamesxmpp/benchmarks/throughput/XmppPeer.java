package org.jamesxmpp.benchmarks.throughput;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jivesoftware.smack.packet.Message;

/**
 * A remote XMPP server for the benchmark: our own s2s engine serving {@code domain} on its own loopback address,
 * routing James's domain to James's listener. It sends stanzas to James and counts the message stanzas James sends
 * to it; with {@code streamManagement} false it is a peer without XEP-0198, as ejabberd 23.01 is on s2s.
 */
final class XmppPeer implements AutoCloseable {
    private final S2sServer server;
    private final AtomicInteger received = new AtomicInteger();
    private final Arrivals arrivals = new Arrivals();

    XmppPeer(String domain, String address, String jamesDomain, String jamesAddress, boolean streamManagement) {
        S2sSettings settings = S2sSettings.builder()
            .bind(new InetSocketAddress(address, 5269))
            .route(new StaticRoute(jamesDomain, jamesAddress, 5269))
            .streamManagement(streamManagement)
            .build();
        this.server = new S2sServer(settings, LocalDomains.of(domain), stanza -> {
            if (stanza.stanza() instanceof Message message) {
                arrivals.arrived(message.getSubject());
                received.incrementAndGet();
            }
            return CompletableFuture.completedFuture(null);
        }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        server.start();
    }

    /** Sends every stanza at once and returns when the last one is acknowledged; fails if any failed. */
    void sendAll(int count, IntFunction<Message> stanza) throws Exception {
        List<CompletableFuture<Void>> sends = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CompletionStage<Void> send = server.send(stanza.apply(i));
            sends.add(send.toCompletableFuture());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    /** Sends one stanza every 1/perSecond s; returns when each was scheduled, once all are acknowledged. */
    long[] sendAtRate(int perSecond, int count, IntFunction<Message> stanza) throws Exception {
        List<CompletableFuture<Void>> sends = new ArrayList<>(count);
        long[] scheduled = FixedRate.run(perSecond, count, i -> sends.add(server.send(stanza.apply(i)).toCompletableFuture()));
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return scheduled;
    }

    int received() {
        return received.get();
    }

    /** When each message stanza arrived, by subject. */
    Arrivals arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        server.stop();
    }
}
