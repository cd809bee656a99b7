package org.jamesxmpp.core.outgoing;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * What the delivery mailet ({@code XmppRemoteDelivery}) may take: {@code delivery/*} of {@code xmpp.xml}.
 *
 * @param lateErrorContentBudget bytes of delivered mails kept, over all of them, while a peer may still return a stanza
 *     error, so that such a mail can be retried or fall back to SMTP; beyond it only the header lines a DSN quotes are
 *     kept (such a mail can only be bounced)
 * @param concurrency mails of the delivery queue attempted at once
 * @param maxReturnedMessageSize a DSN returns an original message up to this size whole, a larger one as its header
 * @param multicast whether recipients of a peer announcing XEP-0033 share one multicast stanza (bcc recipients apart)
 * @param multicastDiscoveryTtl how long a peer's disco#info answer (multicast or not) is kept
 * @param multicastDiscoveryDomains pairs of domains whose answers are kept at most; the least recently used go first
 */
public record DeliveryLimits(long lateErrorContentBudget, int concurrency, long maxReturnedMessageSize, boolean multicast,
                             Duration multicastDiscoveryTtl, int multicastDiscoveryDomains) {
    public static final long DEFAULT_LATE_ERROR_CONTENT_BUDGET = 64L * 1024 * 1024;
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final long DEFAULT_MAX_RETURNED_MESSAGE_SIZE = 512 * 1024;
    public static final Duration DEFAULT_MULTICAST_DISCOVERY_TTL = Duration.ofHours(1);
    public static final int DEFAULT_MULTICAST_DISCOVERY_DOMAINS = 10_000;

    public DeliveryLimits(long lateErrorContentBudget, int concurrency, long maxReturnedMessageSize) {
        this(lateErrorContentBudget, concurrency, maxReturnedMessageSize, true, DEFAULT_MULTICAST_DISCOVERY_TTL,
            DEFAULT_MULTICAST_DISCOVERY_DOMAINS);
    }

    public DeliveryLimits {
        Preconditions.checkArgument(!multicastDiscoveryTtl.isNegative() && !multicastDiscoveryTtl.isZero(),
            "multicastDiscoveryTtl must be positive: %s", multicastDiscoveryTtl);
        Preconditions.checkArgument(multicastDiscoveryDomains > 0, "multicastDiscoveryDomains must be positive: %s",
            multicastDiscoveryDomains);
        Preconditions.checkArgument(lateErrorContentBudget >= 0, "lateErrorContentBudget must not be negative: %s",
            lateErrorContentBudget);
        Preconditions.checkArgument(concurrency > 0, "concurrency must be positive: %s", concurrency);
        Preconditions.checkArgument(maxReturnedMessageSize >= 0, "maxReturnedMessageSize must not be negative: %s",
            maxReturnedMessageSize);
    }

    public static DeliveryLimits defaults() {
        return new DeliveryLimits(DEFAULT_LATE_ERROR_CONTENT_BUDGET, DEFAULT_CONCURRENCY, DEFAULT_MAX_RETURNED_MESSAGE_SIZE);
    }
}
