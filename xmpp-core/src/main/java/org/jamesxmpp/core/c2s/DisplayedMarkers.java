package org.jamesxmpp.core.c2s;

import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeUtility;

import org.jamesxmpp.core.mapping.MessageIds;
import org.jamesxmpp.core.mapping.XmppHeaders;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0333 read state out of the mailbox, pure: the {@code <displayed/>} marker a user sends when they read a chat
 * (its mail flagged {@code \Seen}), made of the mail's header section. Only for a chat whose stanza asked for markers
 * ({@value XmppHeaders#MARKABLE}) and was sent by someone else ({@value XmppHeaders#JABBER_ID}); to the sender's full
 * JID when the mapping kept it ({@value XmppHeaders#FROM}); the id is the original stanza id, which the
 * {@code Message-ID} carries.
 */
public final class DisplayedMarkers {
    private DisplayedMarkers() {
    }

    public static Optional<Message> of(EntityBareJid reader, byte[] headerSection) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(headerSection));
            if (!first(headers, XmppHeaders.MARKABLE).filter(XmppHeaders.MARKABLE_VALUE::equalsIgnoreCase).isPresent()) {
                return Optional.empty();
            }
            Optional<EntityBareJid> sender = first(headers, XmppHeaders.JABBER_ID).map(JidCreate::entityBareFromOrNull)
                .filter(jid -> !jid.equals(reader));
            Optional<String> id = first(headers, "Message-ID").flatMap(MessageIds::firstMsgId).map(MessageIds::toStanzaId);
            if (sender.isEmpty() || id.isEmpty()) {
                return Optional.empty();
            }
            Jid to = first(headers, XmppHeaders.FROM).map(DisplayedMarkers::decoded).map(JidCreate::entityFullFromOrNull)
                .filter(full -> full.asEntityBareJid().equals(sender.get()))
                .<Jid>map(EntityFullJid.class::cast)
                .orElse(sender.get());
            return Optional.of(StanzaBuilder.buildMessage()
                .from(reader)
                .to(to)
                .ofType(Message.Type.chat)
                .addExtension(new ChatMarkersElements.DisplayedExtension(id.get()))
                .build());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> first(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? Optional.empty()
            : Optional.of(values[0].replaceAll("\\s+", " ").trim()).filter(value -> !value.isEmpty());
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
