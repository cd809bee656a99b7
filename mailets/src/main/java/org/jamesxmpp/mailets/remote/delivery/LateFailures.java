package org.jamesxmpp.mailets.remote.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The late half of the one route from a peer's error to retry, fallback or DSN. A stanza error the peer returns after
 * it acknowledged the stanza (RFC 6120 8.3, e.g. the recipient does not exist) becomes a mail for that recipient in
 * the delivery's own outgoing queue, marked with the failure ({@link XmppDeliveryAttributes#LATE_FAILURE});
 * {@link DeliveryRunnable} takes it like an error that came before the acknowledgement: retry, {@code fallback},
 * {@code bounceProcessor} or DSN. The content of a delivered mail is kept for that while the engine may still report
 * an error, within a byte budget; beyond it only the header lines a DSN quotes are kept, and such a mail can only be
 * bounced.
 */
public class LateFailures {
    private static final Logger LOGGER = LoggerFactory.getLogger(LateFailures.class);

    /** Hands out the listener of one recipient; every listener handed out must reach the engine. */
    @FunctionalInterface
    public interface Listeners {
        LateErrorListener forRecipient(MailAddress recipient);
    }

    /**
     * What is kept of one mail attempt, shared by the listeners of its recipients: taken when the first listener is
     * handed out (the mail is still at hand then), its budget returned when the last one is released.
     */
    private final class Retained {
        private final Mail mail;
        private final AtomicInteger listeners = new AtomicInteger();
        private Optional<byte[]> content;

        private Retained(Mail mail) {
            this.mail = mail;
        }

        private synchronized Optional<byte[]> acquire() {
            if (listeners.getAndIncrement() == 0) {
                content = copy(mail);
            }
            return content;
        }

        private synchronized void release() {
            if (listeners.decrementAndGet() == 0) {
                content.ifPresent(bytes -> available.addAndGet(bytes.length));
                content = Optional.empty();
            }
        }
    }

    private final MailQueue queue;
    private final AtomicLong available;

    public LateFailures(MailQueue queue) {
        this(queue, DeliveryLimits.DEFAULT_LATE_ERROR_CONTENT_BUDGET);
    }

    public LateFailures(MailQueue queue, long budgetBytes) {
        Preconditions.checkArgument(budgetBytes >= 0, "budget must not be negative");
        this.queue = queue;
        this.available = new AtomicLong(budgetBytes);
    }

    /** The listeners for the recipients of one attempt of {@code mail}. */
    public Listeners listenersFor(Mail mail, ReturnedHeaders returned) {
        Retained retained = new Retained(mail);
        int retries = XmppDeliveryAttributes.retries(mail);
        String name = mail.getName();
        return recipient -> {
            Optional<byte[]> content = retained.acquire();
            AtomicBoolean released = new AtomicBoolean();
            return new LateErrorListener() {
                @Override
                public void lateError(StanzaErrorException error) {
                    reroute(name, recipient, retries, returned, content, DeliveryStatusMapping.forStanzaError(error));
                }

                @Override
                public void released() {
                    if (released.compareAndSet(false, true)) {
                        retained.release();
                    }
                }
            };
        };
    }

    /** The bytes of the content budget not taken now. */
    public long availableBytes() {
        return available.get();
    }

    private Optional<byte[]> copy(Mail mail) {
        long size;
        try {
            size = mail.getMessageSize();
        } catch (MessagingException e) {
            return Optional.empty();
        }
        if (!reserve(size)) {
            LOGGER.debug("Content budget exhausted: only the header lines of mail {} are kept", mail.getName());
            return Optional.empty();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
            mail.getMessage().writeTo(out);
            byte[] bytes = out.toByteArray();
            long beyondEstimate = bytes.length - size;
            if (beyondEstimate > 0 && !reserve(beyondEstimate)) {
                available.addAndGet(size);
                return Optional.empty();
            }
            available.addAndGet(Math.max(0, -beyondEstimate));
            return Optional.of(bytes);
        } catch (MessagingException | IOException | RuntimeException e) {
            available.addAndGet(size);
            LOGGER.warn("Cannot keep the content of mail {} for a late stanza error: {}", mail.getName(), LogSafe.of(e.getMessage()));
            return Optional.empty();
        }
    }

    private boolean reserve(long size) {
        while (true) {
            long now = available.get();
            if (size > now) {
                return false;
            }
            if (available.compareAndSet(now, now - size)) {
                return true;
            }
        }
    }

    private void reroute(String name, MailAddress recipient, int retries, ReturnedHeaders returned, Optional<byte[]> content,
                         DeliveryFailure failure) {
        LOGGER.info("Peer returned {} for mail {} to {} after acknowledging it: back to the delivery queue",
            LogSafe.of(failure), name, recipient.asString());
        Mono.fromRunnable(() -> enqueue(name, recipient, retries, returned, content, failure))
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(any -> { }, error -> LOGGER.error("Could not queue the late failure of mail {} to {}", name,
                recipient.asString(), error));
    }

    private void enqueue(String name, MailAddress recipient, int retries, ReturnedHeaders returned, Optional<byte[]> content,
                         DeliveryFailure failure) {
        try {
            MailImpl mail = MailImpl.builder()
                .name(name + "-late-" + MailImpl.getId())
                .sender(returned.sender())
                .addRecipient(recipient)
                .mimeMessage(message(content.orElseGet(() -> (returned.headerLines() + "\r\n").getBytes(StandardCharsets.UTF_8))))
                .build();
            try {
                XmppDeliveryAttributes.setRetries(mail, retries);
                XmppDeliveryAttributes.setLateFailure(mail, failure, content.isPresent());
                queue.enQueue(mail);
            } finally {
                mail.dispose();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("late failure of " + name + " could not be queued", e);
        }
    }

    private static MimeMessage message(byte[] bytes) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
