package org.jamesxmpp.listener.c2s;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MailDateFormat;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.listener.inbound.SpoolEnqueuer;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * A message of a logged-in user as mail on James's spool (the mapping's stanza to MIME), from that user as an
 * authenticated sender ({@link Mail#SMTP_AUTH_USER}, as after SMTP AUTH): the pipeline delivers it locally or relays
 * it like any mail the user submits. The sender is always the session's own address.
 */
public class ClientMailSubmission {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientMailSubmission.class);

    private final SpoolEnqueuer spool;
    private final ClientMessageMapping mapping;
    private final Clock clock;

    @Inject
    public ClientMailSubmission(SpoolEnqueuer spool, ClientMessageMapping mapping, Clock clock) {
        this.spool = spool;
        this.mapping = mapping;
        this.clock = clock;
    }

    /** Completes with false when the message carries nothing for a mail (no body: a chat state, a receipt...). */
    public Mono<Boolean> submit(ClientSession session, Message message) {
        return mapping.map(session, message)
            .onErrorMap(MappingException.class, e -> new StanzaErrorException(e.stanzaErrorCondition(), StanzaError.Type.MODIFY,
                Optional.ofNullable(e.getMessage())))
            .flatMap(result -> {
                if (result.isEmpty()) {
                    return Mono.just(false);
                }
                InboundMail mapped = result.get();
                Mail mail = toMail(mapped, session);
                String name = mail.getName();
                return spool.enqueue(mail)
                    .doOnSuccess(any -> LOGGER.info("Accepted XMPP message {} from client {} for {} as mail {}",
                        LogSafe.of(message.getStanzaId()), LogSafe.of(session.jid()), mapped.recipients(), name))
                    .thenReturn(true);
            });
    }

    private Mail toMail(InboundMail mapped, ClientSession session) {
        try {
            String name = MailImpl.getId();
            MimeMessage message = mapped.toMimeMessage();
            message.addHeader("Received", "from " + session.jid().getDomain() + " (" + session.remoteAddress() + ") by "
                + mapping.receivingHost() + " with XMPP-C2S" + (session.encrypted() ? "S" : "") + "A id " + name + "; "
                + new MailDateFormat().format(Date.from(clock.instant())));
            return MailImpl.builder()
                .name(name)
                .sender(mapped.sender())
                .addRecipients(mapped.recipients())
                .mimeMessage(message)
                .remoteAddr(session.remoteAddress())
                .remoteHost(session.jid().getDomain().toString())
                .addAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(mapped.sender().asString())))
                .addAttribute(new Attribute(XmppMailAttributes.MESSAGE_TYPE, AttributeValue.of(mapped.type().name())))
                .build();
        } catch (MessagingException e) {
            throw new IllegalStateException("the mapped MIME message could not be read back", e);
        }
    }
}
