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
import org.jxmpp.jid.EntityBareJid;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Outbound: a mail becomes one message stanza per envelope recipient, in forms from full to smallest. Pure: no I/O
 * beyond reading the given bytes, and no XML: the stanzas are encoded by the engine's codec. See {@code docs/mapping.md}.
 */
public final class MimeToStanza {
    private MimeToStanza() {
    }

    public static MappedMail convert(MimeMessage message, MailAddress sender, List<? extends MailAddress> recipients,
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
    public static MappedMail convert(byte[] mime, MailAddress sender, List<? extends MailAddress> recipients,
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
        ParsedMail mail = MailParser.parse(mime, options.mimeLimits());
        return new MappedMail(new OutboundPlan(mail, from, mime, options), ImmutableList.copyOf(recipients), tos,
            Addressing.of(mail.headers(), options.maxAddresses()), options);
    }

    private static EntityBareJid jid(MailAddress address, MappingException.Reason reason) throws MappingException {
        try {
            return AddressMapper.toJid(address);
        } catch (UnmappableAddressException e) {
            throw new MappingException(reason, e.getMessage(), e);
        }
    }
}
