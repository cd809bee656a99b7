package org.jamesxmpp.listener.inbound;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MailDateFormat;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.jamesxmpp.core.mapping.InboundContext;
import org.jamesxmpp.core.mapping.InboundLinks;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.mapping.InboundResult;
import org.jamesxmpp.core.mapping.LinkFetch;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.mapping.StanzaToMime;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.InboundStanzaHandler;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.store.DedupKey;
import org.jamesxmpp.core.store.InboundDedupStore;
import org.jamesxmpp.listener.links.LinkFetcher;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Turns each message stanza addressed to local users into a mail on James's spool. The stanza counts as
 * accepted only once the spool took the mail: until then the engine does not acknowledge it, and a failure
 * answers {@code internal-server-error} (wait) so that the peer retries.
 */
public class InboundMailHandler implements InboundStanzaHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundMailHandler.class);

    private final SpoolEnqueuer spool;
    private final LocalRecipients localRecipients;
    private final UnknownAddressErrors unknownAddressErrors;
    private final LinkFetcher linkFetcher;
    private final InboundDedupStore dedupStore;
    private final InboundSettings settings;
    private final Clock clock;

    @Inject
    public InboundMailHandler(SpoolEnqueuer spool, LocalRecipients localRecipients,
                              UnknownAddressErrors unknownAddressErrors, LinkFetcher linkFetcher,
                              InboundDedupStore dedupStore, InboundSettings settings, Clock clock) {
        this.spool = spool;
        this.localRecipients = localRecipients;
        this.unknownAddressErrors = unknownAddressErrors;
        this.linkFetcher = linkFetcher;
        this.dedupStore = dedupStore;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> handle(InboundStanza inbound) {
        if (inbound.stanza() instanceof Message message) {
            return handleMessage(message, inbound).toFuture();
        }
        if (inbound.stanza() instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
            return Mono.<Void>error(new StanzaErrorException(StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL))
                .toFuture();
        }
        return Mono.<Void>empty().toFuture();
    }

    private Mono<Void> handleMessage(Message message, InboundStanza inbound) {
        InboundResult result;
        try {
            result = StanzaToMime.convert(message, context(inbound));
        } catch (MappingException e) {
            LOGGER.info("Refused XMPP message {} from {}: {}", LogSafe.of(message.getStanzaId()), LogSafe.of(message.getFrom()),
                LogSafe.of(e.getMessage()));
            return Mono.error(new StanzaErrorException(e.stanzaErrorCondition(), StanzaError.Type.MODIFY,
                Optional.ofNullable(e.getMessage())));
        } catch (RuntimeException e) {
            LOGGER.warn("Could not map XMPP message {} from {}", LogSafe.of(message.getStanzaId()), LogSafe.of(message.getFrom()),
                LogSafe.exception(e));
            return Mono.error(new StanzaErrorException(StanzaError.Condition.bad_request, StanzaError.Type.MODIFY,
                Optional.of("the message could not be turned into mail")));
        }
        if (!(result instanceof InboundMail mail)) {
            return Mono.empty();
        }
        if (!settings.acceptedTypes().contains(mail.type())) {
            return Mono.error(new StanzaErrorException(StanzaError.Condition.not_acceptable, StanzaError.Type.CANCEL,
                Optional.of("messages of type " + mail.type() + " are not accepted here")));
        }
        Optional<DedupKey> dedupKey = InboundDedupKeys.of(message);
        if (dedupKey.isEmpty()) {
            return deliver(mail, message, inbound);
        }
        DedupKey key = dedupKey.get();
        return dedupStore.claim(key)
            .onErrorMap(error -> !(error instanceof StanzaErrorException), error -> storeUnavailable(message, error))
            .flatMap(first -> {
                if (!first) {
                    LOGGER.info("Dropped duplicate XMPP message {} from {} to {}", LogSafe.of(key.stanzaId()),
                        LogSafe.of(message.getFrom()), LogSafe.of(message.getTo()));
                    return Mono.empty();
                }
                return deliver(mail, message, inbound)
                    .onErrorResume(error -> dedupStore.release(key).then(Mono.error(error)));
            });
    }

    /** One line per stanza, no stack trace: while the store is down every stanza fails alike (the peer retries). */
    private static StanzaErrorException storeUnavailable(Message message, Throwable error) {
        LOGGER.warn("Refused XMPP message {} from {} for now (wait): the duplicate store is unavailable: {}",
            LogSafe.of(message.getStanzaId()), LogSafe.of(message.getFrom()), LogSafe.of(error));
        return new StanzaErrorException(StanzaError.Condition.internal_server_error, StanzaError.Type.WAIT);
    }

    private Mono<Void> deliver(InboundMail mapped, Message message, InboundStanza inbound) {
        return localRecipients.existing(mapped.recipients())
            .flatMap(recipients -> {
                if (recipients.isEmpty()) {
                    return Mono.error(new StanzaErrorException(StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL));
                }
                return withLinkedFiles(mapped, message, inbound)
                    .flatMap(withFiles -> enqueue(withFiles, recipients, message, inbound));
            });
    }

    // a sender can make us download only for a stanza that reaches someone, and once (duplicates are dropped before)
    private Mono<InboundMail> withLinkedFiles(InboundMail mapped, Message message, InboundStanza inbound) {
        List<String> links = InboundLinks.of(message);
        if (links.isEmpty()) {
            return Mono.just(mapped);
        }
        return linkFetcher.fetchAll(links).map(fetched -> {
            try {
                return (InboundMail) StanzaToMime.convert(message, context(inbound), fetched);
            } catch (MappingException e) {
                List<LinkFetch> notAttached = links.stream()
                    .<LinkFetch>map(url -> new LinkFetch.Failed(url, "the mail with the file would be too large"))
                    .toList();
                try {
                    return (InboundMail) StanzaToMime.convert(message, context(inbound), notAttached);
                } catch (MappingException again) {
                    return mapped;
                }
            }
        });
    }

    private Mono<Void> enqueue(InboundMail mapped, List<MailAddress> recipients, Message message, InboundStanza inbound) {
        Mail mail = toMail(mapped, recipients, inbound);
        return spool.enqueue(mail)
            .doOnSuccess(any -> LOGGER.info("Accepted XMPP message {} from {} (peer {} by {}) for {} as mail {}",
                LogSafe.of(message.getStanzaId()), LogSafe.of(mapped.sender().asString()), inbound.peerDomain(),
                inbound.authMethod(), recipients, mail.getName()))
            .then(Mono.fromRunnable(() -> unknownAddressErrors.answer(message,
                unknownAddressErrors.unknown(mapped.recipients(), recipients))));
    }

    private Mail toMail(InboundMail mapped, List<MailAddress> recipients, InboundStanza inbound) {
        try {
            String name = MailImpl.getId();
            MimeMessage message = mapped.toMimeMessage();
            // the trace header lets loop protection (hop counting) see the XMPP hop, as an SMTP hop would be seen
            message.addHeader("Received", "from " + inbound.peerDomain() + " ("
                + inbound.remoteAddress().getAddress().getHostAddress() + ") by " + settings.receivingHost()
                + " with XMPP id " + name + "; " + new MailDateFormat().format(Date.from(clock.instant())));
            return MailImpl.builder()
                .name(name)
                .sender(mapped.sender())
                .addRecipients(recipients)
                .mimeMessage(message)
                .remoteAddr(inbound.remoteAddress().getAddress().getHostAddress())
                .remoteHost(inbound.peerDomain())
                .addAttribute(new Attribute(XmppMailAttributes.MESSAGE_TYPE, AttributeValue.of(mapped.type().name())))
                .addAttribute(new Attribute(XmppMailAttributes.AUTHENTICATED_PEER, AttributeValue.of(inbound.peerDomain())))
                .build();
        } catch (MessagingException e) {
            throw new IllegalStateException("the mapped MIME message could not be read back", e);
        }
    }

    private InboundContext context(InboundStanza inbound) {
        return new InboundContext(JidCreate.domainBareFromOrThrowUnchecked(inbound.peerDomain()),
            inbound.authMethod(), inbound.tls(), settings.receivingHost(), clock, settings.mappingOptions());
    }
}
