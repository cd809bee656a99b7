package org.jamesxmpp.core.s2s.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jamesxmpp.core.store.SentStanzaKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;

/**
 * The one registry that matches a peer's error stanza to what we sent. A send is keyed by remote domain, stanza id
 * and bare recipient ({@link SentStanzaKey}: the error comes from the address the stanza went to, RFC 6120 8.3.1; the
 * copies of one mail to several recipients share an id, and an error for one of them concerns that one only). While
 * the send waits for its acknowledgement, an error fails it. Once acknowledged, its {@link LateErrorTicket} (when the
 * sender gave one) goes to the {@link LateErrorStore}, bounded in age and size, which may outlive a restart: an error
 * found there goes, once, with the ticket, to the {@link LateErrorListener} registered for the ticket's route (without
 * a ticket, the error goes to the inbound handler like any other stanza). A send stays in memory until its ticket is
 * stored, so that an error arriving meanwhile is not missed.
 */
public class PendingSends {
    private static final Logger LOGGER = LoggerFactory.getLogger(PendingSends.class);

    private record Tracked(PendingStanza stanza, Optional<LateErrorTicket> ticket) {
    }

    /** How long, and for how many stanzas, the recipients of an acknowledged multicast stanza are remembered. */
    static final Duration MULTICAST_MEMORY = Duration.ofHours(24);
    static final int MAX_REMEMBERED_MULTICASTS = 10_000;

    private final Map<SentStanzaKey, Tracked> awaitingAck = new ConcurrentHashMap<>();
    // an error of the domain for the whole multicast stanza concerns each of its recipients (in memory: not after a restart)
    private final Cache<SentStanzaKey, List<SentStanzaKey>> multicastRecipients = CacheBuilder.newBuilder()
        .expireAfterWrite(MULTICAST_MEMORY)
        .maximumSize(MAX_REMEMBERED_MULTICASTS)
        .build();
    private final Map<String, LateErrorListener> routes = new ConcurrentHashMap<>();
    private final LateErrorStore delivered;

    public PendingSends(LateErrorStore delivered) {
        this.delivered = delivered;
    }

    /** Late errors of tickets of {@code route} go to {@code listener}; the last registration wins. */
    public void route(String route, LateErrorListener listener) {
        routes.put(route, listener);
    }

    /** Tracks {@code stanza} (when it has an id) until its delivery settles, then keeps its ticket for late errors. */
    public void track(PendingStanza stanza, Optional<LateErrorTicket> ticket) {
        if (stanza.id().isEmpty()) {
            return;
        }
        SentStanzaKey key = SentStanzaKey.of(stanza.pair().remote(), stanza.id().get(), stanza.to());
        Tracked tracked = new Tracked(stanza, ticket);
        awaitingAck.put(key, tracked);
        stanza.delivery().whenComplete((any, error) -> {
            if (error != null || ticket.isEmpty()) {
                awaitingAck.remove(key, tracked);
                return;
            }
            delivered.remember(key, ticket.get())
                .doFinally(signal -> awaitingAck.remove(key, tracked))
                .subscribe(done -> { }, failure -> LOGGER.warn("Cannot keep stanza {} to {} for a late error: {}",
                    LogSafe.of(key.stanzaId()), LogSafe.of(key.bareRecipient()), LogSafe.of(failure.getMessage())));
        });
    }

    /**
     * Tracks an XEP-0033 multicast stanza (to the remote domain) and, under the same id, each recipient it delivers to
     * (bare JIDs), one completion each: the stanza's acknowledgement completes them all, an error from the domain
     * before it fails them all, an error from one of the addresses fails that recipient's only; once acknowledged,
     * each recipient's ticket takes the late errors of its address.
     */
    public Map<String, CompletableFuture<Void>> trackMulticast(PendingStanza stanza,
                                                               Map<String, Optional<LateErrorTicket>> recipients) {
        Map<String, CompletableFuture<Void>> each = new LinkedHashMap<>();
        List<SentStanzaKey> recipientKeys = new ArrayList<>();
        recipients.forEach((recipient, ticket) -> {
            stanza.id().ifPresent(id -> recipientKeys.add(SentStanzaKey.of(stanza.pair().remote(), id, recipient)));
            CompletableFuture<Void> own = new CompletableFuture<>();
            track(new PendingStanza(stanza.pair(), stanza.id(), stanza.from(), recipient, stanza.xml(), own), ticket);
            each.put(recipient, own);
        });
        // known before the acknowledgement: an error of the domain racing with it must still find the recipients
        Optional<SentStanzaKey> domainKey = stanza.id()
            .map(id -> SentStanzaKey.of(stanza.pair().remote(), id, stanza.to()));
        domainKey.ifPresent(key -> multicastRecipients.put(key, ImmutableList.copyOf(recipientKeys)));
        track(stanza, Optional.empty());
        stanza.delivery().whenComplete((any, failure) -> {
            if (failure != null) {
                domainKey.ifPresent(multicastRecipients::invalidate);
            }
            each.values().forEach(own -> {
                if (failure == null) {
                    own.complete(null);
                } else {
                    own.completeExceptionally(failure);
                }
            });
        });
        return each;
    }

    /**
     * An error stanza came back from {@code errorFrom} at {@code remoteDomain} for our stanza {@code id}. May block
     * on the store: called on the inbound stanza handlers' threads, never on an event loop.
     *
     * @return whether it was about one of our sends: a pending one (now failed) or a delivered one (its route told)
     */
    public boolean peerError(String remoteDomain, String id, String errorFrom, StanzaErrorException error) {
        SentStanzaKey key = SentStanzaKey.of(remoteDomain, id, errorFrom);
        Tracked tracked = awaitingAck.remove(key);
        if (tracked == null) {
            Optional<LateErrorTicket> ticket = delivered.take(key).blockOptional();
            ticket.ifPresent(found -> tell(found, error));
            return ticket.isPresent() || multicastError(key, error);
        }
        CompletableFuture<Void> delivery = tracked.stanza().delivery();
        if (delivery.completeExceptionally(new DeliveryException(error)) || delivery.isCompletedExceptionally()) {
            return true;
        }
        // acknowledged while the error came: a late error, though its ticket may not be stored yet
        if (tracked.ticket().isPresent()) {
            delivered.take(key).subscribe();
            tell(tracked.ticket().get(), error);
            return true;
        }
        return multicastError(key, error);
    }

    /** The domain refused an acknowledged multicast stanza as a whole: each recipient's ticket takes the error. */
    private boolean multicastError(SentStanzaKey key, StanzaErrorException error) {
        List<SentStanzaKey> recipients = multicastRecipients.asMap().remove(key);
        if (recipients == null) {
            return false;
        }
        recipients.forEach(recipient -> peerError(recipient.remoteDomain(), recipient.stanzaId(), recipient.bareRecipient(),
            error));
        return true;
    }

    private void tell(LateErrorTicket ticket, StanzaErrorException error) {
        LateErrorListener listener = routes.get(ticket.route());
        if (listener == null) {
            LOGGER.warn("Late stanza error {} for mail {} to {}: no delivery takes late errors of route {}",
                LogSafe.of(error), LogSafe.of(ticket.mailName()), LogSafe.of(ticket.recipient()), LogSafe.of(ticket.route()));
            return;
        }
        listener.lateError(ticket, error);
    }
}
