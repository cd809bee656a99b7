package org.jamesxmpp.core.outgoing;

import com.google.common.base.Preconditions;

/**
 * What the delivery mailet ({@code XmppRemoteDelivery}) may take: {@code delivery/*} of {@code xmpp.xml}.
 *
 * @param lateErrorContentBudget bytes of delivered mails kept, over all of them, while a peer may still return a stanza
 *     error, so that such a mail can be retried or fall back to SMTP; beyond it only the header lines a DSN quotes are
 *     kept (such a mail can only be bounced)
 * @param concurrency mails of the delivery queue attempted at once
 * @param maxReturnedMessageSize a DSN returns an original message up to this size whole, a larger one as its header
 */
public record DeliveryLimits(long lateErrorContentBudget, int concurrency, long maxReturnedMessageSize) {
    public static final long DEFAULT_LATE_ERROR_CONTENT_BUDGET = 64L * 1024 * 1024;
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final long DEFAULT_MAX_RETURNED_MESSAGE_SIZE = 512 * 1024;

    public DeliveryLimits {
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
