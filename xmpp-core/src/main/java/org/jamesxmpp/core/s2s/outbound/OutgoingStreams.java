package org.jamesxmpp.core.s2s.outbound;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.ReturnPath;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jamesxmpp.core.store.MemoryLateErrorStore;

import io.netty.channel.EventLoopGroup;

/**
 * The connection manager: one outgoing stream per (local domain, remote domain), opened on
 * demand, reused, closed when idle (see {@link OutboundStreamHandler}). A stream that ended is
 * replaced by a new one on the next stanza, unless connecting to that remote domain failed
 * recently ({@link ConnectBackoff}). A further local domain to the same remote domain rides on
 * an established stream that accepts piggybacking (XEP-0220 multiplexing); a peer that refuses
 * it once gets one stream per domain pair from then on.
 */
public class OutgoingStreams implements ReturnPath {
    private final Map<DomainPair, OutgoingStream> streams = new ConcurrentHashMap<>();
    private final PendingSends pendingSends;
    private final DiscoQueries discoQueries;
    private final EventLoopGroup group;
    private final OutboundConnector connector;
    private final Set<String> refusingPiggyback = ConcurrentHashMap.newKeySet();
    private final S2sSettings settings;
    private final ConnectBackoff backoff;
    private final StreamEvents events = new StreamEvents() {
        @Override
        public void established(OutgoingStream stream) {
            backoff.succeeded(stream.pair().remote());
        }

        @Override
        public void piggybackRefused(OutgoingStream stream, String localDomain) {
            refusingPiggyback.add(stream.pair().remote());
            streams.remove(new DomainPair(localDomain, stream.pair().remote()), stream);
        }
    };
    private volatile boolean stopped;

    public OutgoingStreams(EventLoopGroup group, OutboundConnector connector, S2sSettings settings, Clock clock) {
        this(group, connector, settings, clock, new MemoryLateErrorStore(LateErrorRetention.defaults(), clock));
    }

    /** @param lateErrors keeps the acknowledged stanzas a peer may still return an error for */
    public OutgoingStreams(EventLoopGroup group, OutboundConnector connector, S2sSettings settings, Clock clock,
                           LateErrorStore lateErrors) {
        this.group = group;
        this.connector = connector;
        this.settings = settings;
        this.backoff = new ConnectBackoff(settings.reconnectBackoffBase(), settings.reconnectBackoffCap(),
            settings.dialOut().maxBackoffDomains(), clock);
        this.pendingSends = new PendingSends(lateErrors);
        this.discoQueries = new DiscoQueries(settings.responseTimeout());
    }

    @Override
    public CompletableFuture<Void> send(DomainPair pair, Optional<String> id, String from, String to, String xml) {
        return send(pair, id, from, to, xml, Optional.empty());
    }

    /** Sends a stanza; once the peer acknowledged it, a stanza error it returns for it goes with {@code lateErrors}. */
    public CompletableFuture<Void> send(DomainPair pair, Optional<String> id, String from, String to, String xml,
                                        Optional<LateErrorTicket> lateErrors) {
        CompletableFuture<Void> delivery = new CompletableFuture<>();
        PendingStanza stanza = new PendingStanza(pair, id, from, to, xml, delivery);
        pendingSends.track(stanza, lateErrors);
        submit(stanza);
        return delivery;
    }

    /**
     * Sends the answer to a peer's ping: nobody waits for it, and towards a peer without XEP-0198 it is settled once
     * written (it asks for no acknowledgement, or two engines would ping each other forever).
     */
    /**
     * Sends an XEP-0033 multicast stanza (to the remote domain) that delivers to each of {@code recipients} (bare JIDs),
     * one completion each ({@link PendingSends#trackMulticast}).
     */
    public Map<String, CompletableFuture<Void>> sendMulticast(DomainPair pair, String id, String from, String to,
                                                              String xml, Map<String, Optional<LateErrorTicket>> recipients) {
        PendingStanza stanza = new PendingStanza(pair, Optional.of(id), from, to, xml, new CompletableFuture<>());
        Map<String, CompletableFuture<Void>> each = pendingSends.trackMulticast(stanza, recipients);
        submit(stanza);
        return each;
    }

    /** The XEP-0030 disco#info features the remote domain's server announces to our local domain; empty if it does not answer. */
    public CompletableFuture<Set<String>> discoFeatures(DomainPair pair) {
        return discoQueries.ask(pair, (id, xml) -> send(pair, Optional.of(id), pair.local(), pair.remote(), xml));
    }

    @Override
    public boolean iqAnswered(String remoteDomain, String id, XmlElement iq) {
        return discoQueries.answered(remoteDomain, id, iq);
    }

    @Override
    public void answer(DomainPair pair, String from, String to, String xml) {
        submit(new PendingStanza(pair, Optional.empty(), from, to, xml, new CompletableFuture<>(), 0, false));
    }

    /**
     * An iq result or error came back from {@code remoteDomain}: when {@code id} is one of our pings, the outgoing
     * streams to that domain settle the stanzas it acknowledges.
     *
     * @return whether the iq was the answer to one of our pings (then it is nobody else's business)
     */
    @Override
    public boolean pingAnswered(String remoteDomain, String id) {
        if (!UnackedStanzas.isPingId(id)) {
            return false;
        }
        streams.values().stream()
            .filter(stream -> stream.pair().remote().equals(remoteDomain))
            .distinct()
            .forEach(stream -> stream.pingAnswered(id));
        return true;
    }

    /** See {@link PendingSends#route}. */
    public void routeLateErrors(String route, LateErrorListener listener) {
        pendingSends.route(route, listener);
    }

    /** See {@link PendingSends#peerError}: fails the matching pending send, or tells a delivered one's listener. */
    @Override
    public boolean peerError(String remoteDomain, String id, String errorFrom, StanzaErrorException error) {
        return pendingSends.peerError(remoteDomain, id, errorFrom, error);
    }

    private void submit(PendingStanza stanza) {
        if (stopped) {
            stanza.fail(DeliveryException.Reason.SHUTDOWN, "s2s engine stopped");
            return;
        }
        OutgoingStream existing = streams.get(stanza.pair());
        if (existing == null) {
            Optional<DeliveryException> refusal = backoff.refusal(stanza.pair().remote());
            if (refusal.isPresent()) {
                stanza.delivery().completeExceptionally(refusal.get());
                return;
            }
        }
        streams.computeIfAbsent(stanza.pair(), pair -> piggybackCandidate(pair).orElseGet(() -> open(pair)))
            .enqueue(stanza);
    }

    private void resubmit(PendingStanza stanza) {
        streams.values().removeIf(stream -> !stream.isAlive());
        submit(stanza);
    }

    private Optional<OutgoingStream> piggybackCandidate(DomainPair pair) {
        if (refusingPiggyback.contains(pair.remote())) {
            return Optional.empty();
        }
        return streams.values().stream()
            .filter(stream -> stream.pair().remote().equals(pair.remote()) && stream.acceptsPiggyback())
            .findFirst();
    }

    private OutgoingStream open(DomainPair pair) {
        OutgoingStream stream = new OutgoingStream(pair, group.next(), settings.maxQueuedStanzas(),
            settings.responseTimeout(), this::ended, this::resubmit, events);
        stream.eventLoop().execute(() -> connector.open(stream));
        return stream;
    }

    private void ended(OutgoingStream stream) {
        streams.values().removeIf(candidate -> candidate == stream);
        if (!stream.wasEstablished()) {
            stream.terminationCause().ifPresent(cause -> backoff.failed(stream.pair().remote(), cause));
        }
    }

    /** The (local, remote) pairs that have an outgoing stream now, open or opening. */
    public Set<DomainPair> pairs() {
        return Set.copyOf(streams.keySet());
    }

    public void stop() {
        stopped = true;
        streams.values().forEach(stream -> stream.eventLoop().execute(() -> stream.terminated(
            new TerminationCause(DeliveryException.Reason.SHUTDOWN, "s2s engine stopped"))));
    }
}
