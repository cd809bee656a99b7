package org.jamesxmpp.core.mapping;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.sid.element.OriginIdElement;

import com.google.common.collect.ImmutableList;

/**
 * The mails of the sender's mailbox that a client's message refers to, found (by their {@code Message-ID}) before the
 * pure mapping runs: the one an XEP-0461 reply answers (its {@code References} continue in the reply's) and the
 * ones XEP-0297 forwards (each attached as it is, {@code message/rfc822}; one not found is quoted as text).
 * {@link #UNRESOLVED}, the s2s case, keeps the forwarded stanzas as mails built from them.
 *
 * @param parentReferences msg-ids (no brackets) the replied-to mail's {@code References} (else {@code In-Reply-To}) names
 * @param forwarded per {@code <forwarded/>} message of the stanza, in order: the original mail's bytes, or empty
 */
public record ReferencedMails(boolean resolved, List<String> parentReferences, List<Optional<byte[]>> forwarded) {
    public static final ReferencedMails UNRESOLVED = new ReferencedMails(false, List.of(), List.of());
    private static final Session SESSION = Session.getInstance(new Properties());

    public ReferencedMails {
        parentReferences = ImmutableList.copyOf(parentReferences);
        forwarded = ImmutableList.copyOf(forwarded);
    }

    /** What the mailbox search found: the replied-to mail's bytes (if any), each forwarded message's original (if any). */
    public static ReferencedMails found(Optional<byte[]> repliedTo, List<Optional<byte[]>> forwarded) {
        return new ReferencedMails(true, repliedTo.map(ReferencedMails::references).orElse(List.of()), forwarded);
    }

    /** The {@code Message-ID} (with brackets) of the mail an XEP-0461 reply of {@code stanza} answers, as the mapping writes {@code In-Reply-To}. */
    public static Optional<String> repliedToMessageId(Message stanza) {
        String senderDomain = stanza.getFrom() == null ? "" : stanza.getFrom().getDomain().toString();
        return ReplyElement.from(stanza)
            .map(reply -> Texts.singleLine(reply.getId(), 900))
            .filter(id -> !id.isEmpty())
            .map(id -> MessageIds.toMsgId(id, ReplyElement.from(stanza).flatMap(ReplyElement::getTo)
                .map(jid -> jid.getDomain().toString()).orElse(senderDomain)));
    }

    /** Per {@code <forwarded/>} message of {@code stanza}: the {@code Message-ID} its stanza id (or origin-id) stands for. */
    public static List<Optional<String>> forwardedMessageIds(Message stanza) {
        ImmutableList.Builder<Optional<String>> ids = ImmutableList.builder();
        for (Message inner : forwardedMessages(stanza)) {
            String domain = inner.getFrom() == null ? "" : inner.getFrom().getDomain().toString();
            ids.add(Optional.ofNullable(OriginIdElement.getOriginId(inner)).map(OriginIdElement::getId)
                .or(() -> Optional.ofNullable(inner.getStanzaId()))
                .map(id -> Texts.singleLine(id, 900))
                .filter(id -> !id.isEmpty())
                .map(id -> MessageIds.toMsgId(id, domain)));
        }
        return ids.build();
    }

    static List<Message> forwardedMessages(Message stanza) {
        ImmutableList.Builder<Message> messages = ImmutableList.builder();
        for (Forwarded<?> forwarded : stanza.getExtensions(Forwarded.class)) {
            if (forwarded.getForwardedStanza() instanceof Message inner) {
                messages.add(inner);
            }
        }
        return messages.build();
    }

    private static List<String> references(byte[] mime) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(mime));
            List<String> references = Optional.ofNullable(message.getHeader("References", " "))
                .map(MessageIds::parseMsgIds).orElse(List.of());
            if (references.isEmpty()) {
                references = Optional.ofNullable(message.getHeader("In-Reply-To", " "))
                    .map(MessageIds::parseMsgIds).orElse(List.of());
            }
            Optional<String> own = Optional.ofNullable(message.getMessageID()).flatMap(MessageIds::firstMsgId);
            return ImmutableList.<String>builder().addAll(references).addAll(own.stream().toList()).build();
        } catch (MessagingException e) {
            return List.of();
        }
    }
}
