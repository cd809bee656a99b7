package org.jamesxmpp.mailets.remote.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
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
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One delivery attempt of a mail: maps it to one stanza per recipient, or one XEP-0033 multicast stanza for the
 * recipients of a peer that is a multicast service ({@link MulticastPeers}; bcc recipients keep their own), and sends
 * them over the s2s engine. Never fails: every recipient ends with an {@link ExecutionResult}, its own even when it
 * shared a multicast stanza (an error from its address fails it alone).
 */
public class XmppDelivrer {
    private static final Logger LOGGER = LoggerFactory.getLogger(XmppDelivrer.class);
    private static final DeliveryFailure NO_SENDER = new DeliveryFailure(DsnStatus.permanent(7, 1),
        "a mail without sender cannot be sent over XMPP");

    private final StanzaSender sender;
    private final LateFailures lateFailures;
    private final MappingOptions mappingOptions;
    private final MulticastPeers multicastPeers;

    public XmppDelivrer(StanzaSender sender, LateFailures lateFailures, MappingOptions mappingOptions) {
        this(sender, lateFailures, mappingOptions, MulticastPeers.disabled(sender));
    }

    public XmppDelivrer(StanzaSender sender, LateFailures lateFailures, MappingOptions mappingOptions,
                        MulticastPeers multicastPeers) {
        this.sender = sender;
        this.lateFailures = lateFailures;
        this.mappingOptions = mappingOptions;
        this.multicastPeers = multicastPeers;
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
        return multicastPeers.multicastDomains(sender.get(), recipients)
            .flatMap(multicastDomains -> deliver(mail, sender.get(), recipients, multicastDomains));
    }

    private Mono<DeliveryOutcome> deliver(Mail mail, MailAddress sender, List<MailAddress> recipients,
                                          Set<String> multicastDomains) {
        Map<MailAddress, ExecutionResult> refused = new LinkedHashMap<>();
        List<EncodedMail.Recipient> stanzas;
        ReturnedHeaders returned;
        try {
            stanzas = map(mail, sender, recipients, multicastDomains, refused);
            returned = ReturnedHeaders.of(sender, mail.getMessage());
        } catch (MessagingException e) {
            return Mono.just(DeliveryOutcome.allFailed(recipients, new DeliveryFailure(DsnStatus.transientFailure(3, 0),
                "the mail could not be read: " + e.getMessage())));
        }
        if (!stanzas.isEmpty()) {
            lateFailures.keepContent(mail);
        }
        return Flux.fromIterable(stanzas)
            .flatMap(stanza -> stanza.multicast().isEmpty()
                ? send(stanza, lateFailures.ticketFor(mail, stanza.recipient(), returned))
                : sendMulticast(mail, stanza, returned))
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
                                            Set<String> multicastDomains, Map<MailAddress, ExecutionResult> refused)
        throws MessagingException {
        try {
            EncodedMail mapping = MailEncoder.encode(mail.getMessage(), sender, recipients, mappingOptions, multicastDomains);
            mapping.notes().forEach(note -> LOGGER.info("Mail {} over XMPP: {}", mail.getName(), LogSafe.of(note)));
            return mapping.stanzas();
        } catch (MappingException e) {
            if (e.getReason() == MappingException.Reason.UNMAPPABLE_RECIPIENT && recipients.size() > 1) {
                List<EncodedMail.Recipient> stanzas = new ArrayList<>();
                for (MailAddress recipient : recipients) {
                    stanzas.addAll(map(mail, sender, ImmutableList.of(recipient), ImmutableSet.of(), refused));
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
        EncodedStanza encoded = stanza.stanza();
        return outcome(stanza.recipient(), Mono.fromCompletionStage(() -> sender.send(encoded, ticket)));
    }

    /** One multicast stanza, one outcome per recipient it serves. */
    private Flux<Map.Entry<MailAddress, ExecutionResult>> sendMulticast(Mail mail, EncodedMail.Recipient stanza,
                                                                        ReturnedHeaders returned) {
        Map<String, MailAddress> byJid = new LinkedHashMap<>();
        Map<String, Optional<LateErrorTicket>> tickets = new LinkedHashMap<>();
        for (MailAddress recipient : stanza.multicast()) {
            try {
                String jid = AddressMapper.toJid(recipient).toString();
                byJid.put(jid, recipient);
                tickets.put(jid, lateFailures.ticketFor(mail, recipient, returned));
            } catch (UnmappableAddressException e) {
                throw new IllegalStateException("a multicast recipient was mapped before: " + recipient, e);
            }
        }
        return Mono.fromCallable(() -> sender.sendMulticast(stanza.stanza(), tickets))
            .flatMapMany(results -> Flux.fromIterable(byJid.entrySet())
                .flatMap(entry -> outcome(entry.getValue(), Mono.fromCompletionStage(results.get(entry.getKey())))));
    }

    private static Mono<Map.Entry<MailAddress, ExecutionResult>> outcome(MailAddress recipient, Mono<Void> sent) {
        return sent
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
