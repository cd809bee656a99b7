package org.jamesxmpp.core.c2s;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.mapping.MappedMail;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.mapping.MimeToStanza;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.EntityBareJid;

/**
 * The stanza a user's online resources get of a mail delivered to their INBOX, pure (no I/O). It comes from the
 * mail's {@code From} address and keeps the mapping's id ({@code Message-ID}) and {@code <thread>} (the thread's
 * root), so that a reply from the client, with that thread or an XEP-0461 reply to that id, becomes a mail with
 * {@code References}/{@code In-Reply-To} to it. {@link MailPush#FULL} is the mapping's whole stanza; {@link
 * MailPush#NOTICE} only names the sender and the subject.
 */
public final class MailNotices {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int SUBJECT_LENGTH = 200;

    private MailNotices() {
    }

    /** Empty with {@link MailPush#OFF}, or when the sender is not an address a JID can be made of. */
    public static Optional<Message> of(MailPush push, byte[] mime, EntityBareJid user, MappingOptions options) {
        if (push == MailPush.OFF) {
            return Optional.empty();
        }
        Optional<InternetAddress> from = from(mime);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        Message mapped;
        try {
            MappedMail mail = MimeToStanza.convert(mime, new MailAddress(from.get().getAddress()),
                List.of(new MailAddress(user.toString())), options);
            mapped = mail.stanzas(mail.levels().get(0)).get(0).message();
        } catch (MappingException | AddressException e) {
            return Optional.empty();
        }
        return Optional.of(push == MailPush.FULL ? mapped : notice(mapped, from.get()));
    }

    private static Message notice(Message mapped, InternetAddress from) {
        String subject = Optional.ofNullable(mapped.getSubject())
            .map(value -> value.replaceAll("\\s+", " ").trim())
            .map(value -> value.length() > SUBJECT_LENGTH ? value.substring(0, SUBJECT_LENGTH) + " [...]" : value)
            .filter(value -> !value.isEmpty()).orElse("(no subject)");
        MessageBuilder notice = StanzaBuilder.buildMessage(mapped.getStanzaId())
            .from(mapped.getFrom())
            .to(mapped.getTo())
            .ofType(mapped.getType())
            .setSubject(subject)
            .setBody("Mail from " + from.toUnicodeString() + ": " + subject);
        Optional.ofNullable(mapped.getThread()).ifPresent(notice::setThread);
        return notice.build();
    }

    private static Optional<InternetAddress> from(byte[] mime) {
        try {
            Address[] from = new MimeMessage(SESSION, new ByteArrayInputStream(mime)).getFrom();
            return from != null && from.length > 0 && from[0] instanceof InternetAddress address
                ? Optional.of(address) : Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
