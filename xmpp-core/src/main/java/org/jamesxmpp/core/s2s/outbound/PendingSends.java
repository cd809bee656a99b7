package org.jamesxmpp.core.s2s.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.StanzaErrorException;

import com.google.common.base.Preconditions;
import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalListener;

/**
 * The one registry that matches a peer's error stanza to what we sent. A send is keyed by remote domain, stanza id
 * and bare recipient (the error comes from the address the stanza went to, RFC 6120 8.3.1): the copies of one mail
 * to several recipients share an id, and an error for one of them concerns that one only. While the send waits for
 * its acknowledgement, an error fails it; once acknowledged, an error within the retention goes to the sender's
 * {@link LateErrorListener}, once (without one, it goes to the inbound handler like any other stanza). Bounded in size and age; per engine, like the streams that carried the stanzas.
 * Every tracked listener is {@link LateErrorListener#released() released} exactly once.
 */
public class PendingSends {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final long DEFAULT_MAX_DELIVERED = 100_000;

    private record Key(String remoteDomain, String id, String bareJid) {
        static Key of(String remoteDomain, String id, String jid) {
            int slash = jid.indexOf('/');
            String bareJid = slash < 0 ? jid : jid.substring(0, slash);
            return new Key(remoteDomain.toLowerCase(Locale.ROOT), id, bareJid.toLowerCase(Locale.ROOT));
        }
    }

    private record Tracked(PendingStanza stanza, LateErrorListener lateErrors) {
    }

    private final Map<Key, Tracked> awaitingAck = new ConcurrentHashMap<>();
    private final Cache<Key, LateErrorListener> delivered;

    public PendingSends(Clock clock) {
        this(clock, DEFAULT_RETENTION, DEFAULT_MAX_DELIVERED);
    }

    public PendingSends(Clock clock, Duration retention, long maxDelivered) {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return Duration.ofMillis(clock.millis()).toNanos();
            }
        };
        RemovalListener<Key, LateErrorListener> release = removal -> removal.getValue().released();
        this.delivered = CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(retention)
            .maximumSize(maxDelivered)
            .removalListener(release)
            .build();
    }

    /** Tracks {@code stanza} (when it has an id) until its delivery settles, then its late errors. */
    public void track(PendingStanza stanza, LateErrorListener lateErrors) {
        if (stanza.id().isEmpty()) {
            lateErrors.released();
            return;
        }
        Key key = Key.of(stanza.pair().remote(), stanza.id().get(), stanza.to());
        Tracked tracked = new Tracked(stanza, lateErrors);
        Optional.ofNullable(awaitingAck.put(key, tracked)).ifPresent(replaced -> replaced.lateErrors().released());
        stanza.delivery().whenComplete((any, error) -> {
            if (!awaitingAck.remove(key, tracked)) {
                return;
            }
            if (error == null && lateErrors != LateErrorListener.NONE) {
                delivered.put(key, lateErrors);
            } else {
                lateErrors.released();
            }
        });
    }

    /**
     * An error stanza came back from {@code errorFrom} at {@code remoteDomain} for our stanza {@code id}.
     *
     * @return whether it was about one of our sends: a pending one (now failed) or a delivered one (its listener told)
     */
    public boolean peerError(String remoteDomain, String id, String errorFrom, StanzaErrorException error) {
        Key key = Key.of(remoteDomain, id, errorFrom);
        Tracked tracked = awaitingAck.remove(key);
        if (tracked != null) {
            boolean failedIt = tracked.stanza().delivery().completeExceptionally(new DeliveryException(error));
            tracked.lateErrors().released();
            if (!failedIt && !tracked.stanza().delivery().isCompletedExceptionally()) {
                tracked.lateErrors().lateError(error);
            }
            return true;
        }
        Optional<LateErrorListener> listener = Optional.ofNullable(delivered.asMap().remove(key));
        listener.ifPresent(late -> late.lateError(error));
        return listener.isPresent();
    }

    /** How many delivered sends still wait for a possible late error (for tests and metrics). */
    public long deliveredTracked() {
        delivered.cleanUp();
        return delivered.size();
    }
}
