package org.jamesxmpp.mailets.remote.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.s2s.codec.EncodedStanza;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One delivery attempt of a mail: maps it to one stanza per recipient and sends them over the s2s engine. Never
 * fails: every recipient ends with an {@link ExecutionResult}.
 */
public class XmppDelivrer {
    private static final Logger LOGGER = LoggerFactory.getLogger(XmppDelivrer.class);
    private static final DeliveryFailure NO_SENDER = new DeliveryFailure(DsnStatus.permanent(7, 1),
        "a mail without sender cannot be sent over XMPP");

    private final StanzaSender sender;
    private final LateFailures lateFailures;
    private final MappingOptions mappingOptions;

    public XmppDelivrer(StanzaSender sender, LateFailures lateFailures, MappingOptions mappingOptions) {
        this.sender = sender;
        this.lateFailures = lateFailures;
        this.mappingOptions = mappingOptions;
    }

    public Mono<DeliveryOutcome> deliver(Mail mail) {
        List<MailAddress> recipients = ImmutableList.copyOf(mail.getRecipients());
        if (recipients.isEmpty()) {
            return Mono.just(new DeliveryOutcome(ImmutableMap.of()));
        }
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isEmpty()) {
            return Mono.just(DeliveryOutcome.allFailed(recipients, NO_SENDER));
        }
        Map<MailAddress, ExecutionResult> refused = new LinkedHashMap<>();
        List<EncodedMail.Recipient> stanzas;
        ReturnedHeaders returned;
        try {
            stanzas = map(mail, sender.get(), recipients, refused);
            returned = ReturnedHeaders.of(sender.get(), mail.getMessage());
        } catch (MessagingException e) {
            return Mono.just(DeliveryOutcome.allFailed(recipients, new DeliveryFailure(DsnStatus.transientFailure(3, 0),
                "the mail could not be read: " + e.getMessage())));
        }
        if (!stanzas.isEmpty()) {
            lateFailures.keepContent(mail);
        }
        return Flux.fromIterable(stanzas)
            .flatMap(stanza -> send(stanza, lateFailures.ticketFor(mail, stanza.recipient(), returned)))
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .map(results -> {
                if (results.values().stream().noneMatch(result -> result.state() == ExecutionResult.ExecutionState.SUCCESS)) {
                    lateFailures.forgetContent(mail);
                }
                Map<MailAddress, ExecutionResult> all = new LinkedHashMap<>(refused);
                all.putAll(results);
                return new DeliveryOutcome(inOrder(recipients, all));
            });
    }

    /**
     * One stanza per recipient; the recipients the mapping refuses go into {@code refused}. A recipient without JID
     * form fails alone: the others are mapped one by one.
     */
    private List<EncodedMail.Recipient> map(Mail mail, MailAddress sender, List<MailAddress> recipients,
                                     Map<MailAddress, ExecutionResult> refused) throws MessagingException {
        try {
            EncodedMail mapping = MailEncoder.encode(mail.getMessage(), sender, recipients, mappingOptions);
            mapping.notes().forEach(note -> LOGGER.info("Mail {} over XMPP: {}", mail.getName(), LogSafe.of(note)));
            return mapping.stanzas();
        } catch (MappingException e) {
            if (e.getReason() == MappingException.Reason.UNMAPPABLE_RECIPIENT && recipients.size() > 1) {
                List<EncodedMail.Recipient> stanzas = new ArrayList<>();
                for (MailAddress recipient : recipients) {
                    stanzas.addAll(map(mail, sender, ImmutableList.of(recipient), refused));
                }
                return stanzas;
            }
            LOGGER.info("Mail {} cannot be sent over XMPP to {}: {}", mail.getName(), recipients, LogSafe.of(e.getMessage()));
            ExecutionResult failure = ExecutionResult.permanentFailure(DeliveryStatusMapping.forMappingException(e));
            recipients.forEach(recipient -> refused.put(recipient, failure));
            return ImmutableList.of();
        }
    }

    private Mono<Map.Entry<MailAddress, ExecutionResult>> send(EncodedMail.Recipient stanza,
                                                               Optional<LateErrorTicket> ticket) {
        MailAddress recipient = stanza.recipient();
        EncodedStanza encoded = stanza.stanza();
        return Mono.fromCompletionStage(() -> sender.send(encoded, ticket))
            .then(Mono.fromCallable(ExecutionResult::success))
            .onErrorResume(error -> Mono.just(result(error)))
            .map(result -> Map.entry(recipient, result));
    }

    /** A stanza the stopping engine failed was not refused by the peer: the attempt is interrupted, not failed. */
    private static ExecutionResult result(Throwable error) {
        DeliveryFailure failure = failure(error);
        if (cause(error) instanceof DeliveryException exception && exception.reason() == DeliveryException.Reason.SHUTDOWN) {
            return ExecutionResult.interrupted(failure);
        }
        return ExecutionResult.failure(failure);
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static DeliveryFailure failure(Throwable error) {
        Throwable cause = cause(error);
        if (cause instanceof DeliveryException) {
            return DeliveryStatusMapping.forDeliveryException((DeliveryException) cause);
        }
        LOGGER.warn("Unexpected failure of an XMPP delivery", LogSafe.exception(cause));
        return new DeliveryFailure(DsnStatus.transientFailure(3, 0), "internal error: " + cause);
    }

    private static Map<MailAddress, ExecutionResult> inOrder(List<MailAddress> recipients, Map<MailAddress, ExecutionResult> results) {
        ImmutableMap.Builder<MailAddress, ExecutionResult> ordered = ImmutableMap.builder();
        recipients.forEach(recipient -> ordered.put(recipient, Optional.ofNullable(results.get(recipient))
            .orElseGet(() -> ExecutionResult.temporaryFailure(new DeliveryFailure(DsnStatus.transientFailure(3, 0),
                "no stanza was produced for this recipient")))));
        return ordered.buildKeepingLast();
    }
}
