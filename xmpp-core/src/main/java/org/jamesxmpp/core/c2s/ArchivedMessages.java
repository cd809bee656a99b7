package org.jamesxmpp.core.c2s;

import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.Message.RecipientType;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.mapping.MappedMail;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.mapping.MimeToStanza;
import org.jamesxmpp.core.mapping.XmppHeaders;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.mam.element.MamElements;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A mail of the user's history as an XEP-0313 result, pure: the mapping's stanza of the mail (from its
 * {@code From}, or the full JID the mapping kept in {@value XmppHeaders#FROM}, to its first {@code To}, so both sides
 * of a conversation read as sent; the stanza id is the one the mail's {@code Message-ID} carries) forwarded with the
 * time it was stored.
 */
public final class ArchivedMessages {
    private static final Session SESSION = Session.getInstance(new Properties());

    private ArchivedMessages() {
    }

    /** Empty when the mail's {@code From} or {@code To} is not an address a JID can be made of. */
    public static Optional<Message> result(EntityFullJid client, Optional<String> queryId, String archiveId, byte[] mime,
                                           Instant stored, MappingOptions options) {
        try {
            MimeMessage mail = new MimeMessage(SESSION, new ByteArrayInputStream(mime));
            Optional<MailAddress> from = first(mail.getFrom());
            Optional<MailAddress> to = first(mail.getRecipients(RecipientType.TO));
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            MappedMail mapped = MimeToStanza.convert(mime, from.get(), List.of(to.get()), options);
            Message mappedMessage = mapped.stanzas(mapped.levels().get(0)).get(0).message();
            Message message = fullFrom(mail, mappedMessage)
                .map(full -> mappedMessage.asBuilder().from(full).build())
                .orElse(mappedMessage);
            return Optional.of(StanzaBuilder.buildMessage()
                .from(client.asEntityBareJid())
                .to(client)
                .addExtension(new MamElements.MamResultExtension(queryId.orElse(null), archiveId,
                    new Forwarded<>(new DelayInformation(Date.from(stored)), message)))
                .build());
        } catch (MessagingException | MappingException e) {
            return Optional.empty();
        }
    }

    /** The sender's full JID the mapping kept, when it is the resource of the stanza's (bare) {@code from}. */
    private static Optional<EntityFullJid> fullFrom(MimeMessage mail, Message message) throws MessagingException {
        String[] values = mail.getHeader(XmppHeaders.FROM);
        if (values == null || values.length == 0 || message.getFrom() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JidCreate.entityFullFromOrNull(MimeUtility.decodeText(values[0].trim())))
                .filter(full -> full.asBareJid().equals(message.getFrom().asBareJid()));
        } catch (UnsupportedEncodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<MailAddress> first(Address[] addresses) throws AddressException {
        if (addresses == null || addresses.length == 0 || !(addresses[0] instanceof InternetAddress address)) {
            return Optional.empty();
        }
        return Optional.of(new MailAddress(address.getAddress()));
    }
}
