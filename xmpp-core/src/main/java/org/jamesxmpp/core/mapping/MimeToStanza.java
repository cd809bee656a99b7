package org.jamesxmpp.core.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.EntityBareJid;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Outbound: a mail becomes one message stanza per envelope recipient. Pure: no I/O beyond reading the given bytes.
 * See {@code docs/mapping.md}.
 */
public final class MimeToStanza {
    private MimeToStanza() {
    }

    public static MappingResult convert(MimeMessage message, MailAddress sender, List<? extends MailAddress> recipients,
                                        MappingOptions options) throws MappingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            message.writeTo(bytes);
        } catch (IOException | MessagingException e) {
            throw new MappingException(MappingException.Reason.MALFORMED_MIME, "unreadable mail: " + e.getMessage(), e);
        }
        return convert(bytes.toByteArray(), sender, recipients, options);
    }

    /**
     * @param mime the RFC 5322 message
     * @param sender envelope sender: becomes the stanza {@code from}
     * @param recipients envelope recipients served through XMPP: one stanza each, in this order
     * @throws MappingException with a reason and DSN status when the mail cannot be sent as XMPP
     */
    public static MappingResult convert(byte[] mime, MailAddress sender, List<? extends MailAddress> recipients,
                                        MappingOptions options) throws MappingException {
        SmackBootstrap.initialize();
        Preconditions.checkArgument(!recipients.isEmpty(), "at least one recipient is needed");
        if (mime.length > options.maxMimeBytes()) {
            throw new MappingException(MappingException.Reason.TOO_LARGE,
                "mail of " + mime.length + " bytes exceeds the limit of " + options.maxMimeBytes());
        }
        EntityBareJid from = jid(sender, MappingException.Reason.UNMAPPABLE_SENDER);
        List<EntityBareJid> tos = new ArrayList<>(recipients.size());
        for (MailAddress recipient : recipients) {
            tos.add(jid(recipient, MappingException.Reason.UNMAPPABLE_RECIPIENT));
        }
        ParsedMail mail = MailParser.parse(mime);
        OutboundPlan plan = new OutboundPlan(mail, from, mime, options);
        Addressing addressing = Addressing.of(mail.headers(), options.maxAddresses());
        int largest = 0;
        for (ShrinkLevel level : ShrinkLevel.values()) {
            if (level != ShrinkLevel.FULL && !plan.changesAnything(level)) {
                continue;
            }
            ImmutableList.Builder<OutboundStanza> stanzas = ImmutableList.builder();
            largest = 0;
            for (int i = 0; i < recipients.size(); i++) {
                Message message = plan.build(tos.get(i), addressing.forRecipient(recipients.get(i), tos.get(i)), level);
                String xml = ServerStanzaXml.toXml(message);
                largest = Math.max(largest, utf8Length(xml));
                stanzas.add(new OutboundStanza(recipients.get(i), message, xml));
            }
            if (largest <= options.maxStanzaBytes()) {
                List<String> notes = new ArrayList<>(plan.resultNotes(level));
                if (recipients.stream().anyMatch(addressing::truncated)) {
                    notes.add("address list cut to " + options.maxAddresses() + " entries");
                }
                return new MappingResult(stanzas.build(), notes);
            }
        }
        throw new MappingException(MappingException.Reason.TOO_LARGE,
            "the text of the mail needs a stanza of " + largest + " bytes, over the limit of " + options.maxStanzaBytes());
    }

    private static EntityBareJid jid(MailAddress address, MappingException.Reason reason) throws MappingException {
        try {
            return AddressMapper.toJid(address);
        } catch (UnmappableAddressException e) {
            throw new MappingException(reason, e.getMessage(), e);
        }
    }

    static int utf8Length(String value) {
        int length = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                length += c < 0x800 ? 1 : Character.isHighSurrogate(c) ? 0 : 2;
                if (Character.isHighSurrogate(c)) {
                    length += 2;
                    i++;
                }
            }
        }
        return length;
    }
}
