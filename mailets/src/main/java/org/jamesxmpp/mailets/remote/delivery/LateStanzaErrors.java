package org.jamesxmpp.mailets.remote.delivery;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.InboundStanzaHandler;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jivesoftware.smack.packet.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns an error stanza that a peer sends back for a message we delivered earlier (matched by stanza id and
 * recipient, see {@link SentStanzas}) into a DSN to the mail's sender, enqueued on James's spool. Other stanzas go
 * to the handler it decorates.
 */
public class LateStanzaErrors {
    private static final Logger LOGGER = LoggerFactory.getLogger(LateStanzaErrors.class);

    private final SentStanzas sentStanzas;
    private final MailQueueFactory<?> queueFactory;
    private final DsnComposer dsnComposer;
    private final DeliveryMetrics metrics;

    @Inject
    public LateStanzaErrors(SentStanzas sentStanzas, MailQueueFactory<?> queueFactory, MetricFactory metricFactory, Clock clock) {
        this.sentStanzas = sentStanzas;
        this.queueFactory = queueFactory;
        this.dsnComposer = new DsnComposer(clock);
        this.metrics = new DeliveryMetrics(metricFactory);
    }

    /** {@code delegate} with error stanzas for our deliveries answered by a DSN first. */
    public InboundStanzaHandler decorate(InboundStanzaHandler delegate) {
        return inbound -> bounce(inbound).orElseGet(() -> delegate.handle(inbound));
    }

    /** The DSN being enqueued, when {@code inbound} is an error for a stanza we delivered; empty otherwise. */
    public Optional<CompletionStage<Void>> bounce(InboundStanza inbound) {
        Stanza stanza = inbound.stanza();
        if (stanza.getError() == null || stanza.getStanzaId() == null || stanza.getFrom() == null) {
            return Optional.empty();
        }
        return sentStanzas.take(stanza.getStanzaId(), stanza.getFrom().toString())
            .map(sent -> {
                DeliveryFailure failure = DeliveryStatusMapping.forStanzaError(StanzaErrorException.of(stanza.getError()));
                LOGGER.info("Peer {} returned {} for mail {} to {}: DSN to {}", inbound.peerDomain(), failure.diagnostic(),
                    sent.mailName(), sent.recipient().asString(), sent.returned().sender().asString());
                return Mono.fromRunnable(() -> enqueueDsn(sent, failure))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then()
                    .toFuture()
                    .exceptionally(error -> {
                        LOGGER.error("Could not enqueue the DSN for mail {}", sent.mailName(), error);
                        return null;
                    });
            });
    }

    private void enqueueDsn(SentStanzas.SentStanza sent, DeliveryFailure failure) {
        MailAddress sender = sent.returned().sender();
        try {
            MailAddress postmaster = new MailAddress("postmaster", sender.getDomain());
            MimeMessage dsn = dsnComposer.compose(sent.returned(), Map.of(sent.recipient(), failure), postmaster);
            MailImpl mail = MailImpl.builder()
                .name(sent.mailName() + "-xmpp-dsn-" + MailImpl.getId())
                .sender(MailAddress.nullSender())
                .addRecipient(sender)
                .mimeMessage(dsn)
                .build();
            try {
                MailQueue spool = queueFactory.createQueue(MailQueueFactory.SPOOL);
                spool.enQueue(mail);
            } finally {
                mail.dispose();
            }
            metrics.bounced(1);
        } catch (MessagingException e) {
            throw new IllegalStateException("DSN for " + sent.mailName() + " failed", e);
        }
    }
}
