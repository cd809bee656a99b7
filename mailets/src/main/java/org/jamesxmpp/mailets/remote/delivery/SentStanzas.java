package org.jamesxmpp.mailets.remote.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.MailAddress;

import com.google.common.base.Preconditions;
import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The stanzas recently delivered over XMPP, by stanza id and recipient JID, so that an error stanza the peer sends
 * after it accepted the stanza (RFC 6120 8.3: e.g. the user does not exist) can still be reported to the sender.
 * In memory, bounded in size and age: one per James node, like the s2s streams that carried the stanzas.
 */
@Singleton
public class SentStanzas {
    public record SentStanza(MailAddress recipient, String mailName, ReturnedHeaders returned) {
    }

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final long DEFAULT_MAX_ENTRIES = 100_000;

    private final Cache<String, SentStanza> sent;

    @Inject
    public SentStanzas(Clock clock) {
        this(clock, DEFAULT_RETENTION, DEFAULT_MAX_ENTRIES);
    }

    public SentStanzas(Clock clock, Duration retention, long maxEntries) {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return Duration.ofMillis(clock.millis()).toNanos();
            }
        };
        this.sent = CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(retention)
            .maximumSize(maxEntries)
            .build();
    }

    public void delivered(String stanzaId, String recipientJid, SentStanza stanza) {
        sent.put(key(stanzaId, recipientJid), stanza);
    }

    /** The stanza an error is about, if we sent it recently; it is reported once only. */
    public Optional<SentStanza> take(String stanzaId, String fromJid) {
        String key = key(stanzaId, fromJid);
        Optional<SentStanza> stanza = Optional.ofNullable(sent.getIfPresent(key));
        stanza.ifPresent(any -> sent.invalidate(key));
        return stanza;
    }

    private static String key(String stanzaId, String jid) {
        String bareJid = jid.contains("/") ? jid.substring(0, jid.indexOf('/')) : jid;
        return stanzaId + '\u0000' + bareJid.toLowerCase(Locale.ROOT);
    }
}
