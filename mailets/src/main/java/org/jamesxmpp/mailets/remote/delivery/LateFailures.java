package org.jamesxmpp.mailets.remote.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The late half of the one route from a peer's error to retry, fallback or DSN. Every stanza goes out with a
 * {@link LateErrorTicket} of this delivery's route (its outgoing queue): the sender, the recipient, the retries used and
 * the header lines a DSN returns. The engine keeps the ticket once the peer acknowledged the stanza, in its late-error
 * store (persistent in the JPA flavour). A stanza error the peer returns later (RFC 6120 8.3, e.g. the recipient does
 * not exist) comes back here with the ticket and becomes a mail for that recipient in the delivery's own outgoing
 * queue, marked with the failure ({@link XmppDeliveryAttributes#LATE_FAILURE}); {@link DeliveryRunnable} takes it like
 * an error that came before the acknowledgement: retry, {@code fallback}, {@code bounceProcessor} or DSN.
 *
 * <p>The content of a mail being delivered is kept in memory too, within a byte budget and for the default retention,
 * so that a late failure can be retried or fall back to SMTP. Beyond the budget, or after a restart, only the header
 * lines of the ticket are left, and such a mail can only be bounced.
 */
public class LateFailures implements LateErrorListener {
    private static final Duration CONTENT_RETENTION = LateErrorRetention.DEFAULT_RETENTION;
    private static final Logger LOGGER = LoggerFactory.getLogger(LateFailures.class);

    private final MailQueue queue;
    private final String route;
    private final long budgetBytes;
    private final Cache<String, byte[]> contents;

    public LateFailures(MailQueue queue) {
        this(queue, DeliveryLimits.DEFAULT_LATE_ERROR_CONTENT_BUDGET);
    }

    public LateFailures(MailQueue queue, long budgetBytes) {
        Preconditions.checkArgument(budgetBytes >= 0, "budget must not be negative");
        this.queue = queue;
        this.route = queue.getName().asString();
        this.budgetBytes = budgetBytes;
        this.contents = CacheBuilder.newBuilder()
            .concurrencyLevel(1)
            .maximumWeight(budgetBytes)
            .<String, byte[]>weigher((name, bytes) -> bytes.length)
            .expireAfterWrite(CONTENT_RETENTION)
            .build();
    }

    /** The route of this delivery's tickets: late errors of its stanzas come back to the listener of this route. */
    public String route() {
        return route;
    }

    /**
     * The ticket of {@code recipient}'s stanza of this attempt of {@code mail}; empty when the mail's name or an
     * address is longer than a ticket keeps (then a late error goes to the inbound handler, which drops it).
     */
    public Optional<LateErrorTicket> ticketFor(Mail mail, MailAddress recipient, ReturnedHeaders returned) {
        try {
            return Optional.of(new LateErrorTicket(route, mail.getName(), returned.sender().asString(), recipient.asString(),
                XmppDeliveryAttributes.retries(mail), returned.headerLines()));
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Mail {} to {} cannot be tracked for late stanza errors: {}", mail.getName(), recipient.asString(),
                LogSafe.of(e.getMessage()));
            return Optional.empty();
        }
    }

    /** Keeps the content of {@code mail} for its late failures, when it fits in the budget. */
    public void keepContent(Mail mail) {
        if (contents.getIfPresent(mail.getName()) != null) {
            return;
        }
        copy(mail).ifPresent(bytes -> contents.put(mail.getName(), bytes));
    }

    /** No recipient of {@code mail} was delivered: no late error can come for it. */
    public void forgetContent(Mail mail) {
        contents.invalidate(mail.getName());
    }

    @Override
    public void lateError(LateErrorTicket ticket, StanzaErrorException error) {
        Optional<byte[]> content = Optional.ofNullable(contents.getIfPresent(ticket.mailName()));
        DeliveryFailure failure = DeliveryStatusMapping.forStanzaError(error);
        LOGGER.info("Peer returned {} for mail {} to {} after acknowledging it: back to the delivery queue",
            LogSafe.of(failure), ticket.mailName(), ticket.recipient());
        Mono.fromRunnable(() -> enqueue(ticket, content, failure))
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(any -> { }, failed -> LOGGER.error("Could not queue the late failure of mail {} to {}",
                ticket.mailName(), ticket.recipient(), failed));
    }

    private Optional<byte[]> copy(Mail mail) {
        try {
            if (mail.getMessageSize() > budgetBytes) {
                LOGGER.debug("Mail {} is larger than the content budget: only its header lines are kept", mail.getName());
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.getMessage().writeTo(out);
            return Optional.of(out.toByteArray()).filter(bytes -> bytes.length <= budgetBytes);
        } catch (MessagingException | IOException | RuntimeException e) {
            LOGGER.warn("Cannot keep the content of mail {} for a late stanza error: {}", mail.getName(), LogSafe.of(e.getMessage()));
            return Optional.empty();
        }
    }

    private void enqueue(LateErrorTicket ticket, Optional<byte[]> content, DeliveryFailure failure) {
        try {
            byte[] bytes = content.orElseGet(() -> (ticket.returnedHeaders() + "\r\n").getBytes(StandardCharsets.UTF_8));
            MailImpl mail = MailImpl.builder()
                .name(ticket.mailName() + "-late-" + MailImpl.getId())
                .sender(new MailAddress(ticket.sender()))
                .addRecipient(new MailAddress(ticket.recipient()))
                .mimeMessage(message(bytes))
                .build();
            try {
                XmppDeliveryAttributes.setRetries(mail, ticket.retries());
                XmppDeliveryAttributes.setLateFailure(mail, failure, content.isPresent());
                queue.enQueue(mail);
            } finally {
                mail.dispose();
            }
        } catch (AddressException e) {
            throw new IllegalStateException("late failure of " + ticket.mailName() + " names a bad address", e);
        } catch (MessagingException e) {
            throw new IllegalStateException("late failure of " + ticket.mailName() + " could not be queued", e);
        }
    }

    private static MimeMessage message(byte[] bytes) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
