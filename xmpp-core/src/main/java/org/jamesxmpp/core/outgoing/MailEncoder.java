package org.jamesxmpp.core.outgoing;

import java.util.List;
import java.util.Set;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.mapping.MappedMail;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.mapping.MimeToStanza;
import org.jamesxmpp.core.mapping.OutboundStanza;
import org.jamesxmpp.core.mapping.ShrinkLevel;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;

import com.google.common.collect.ImmutableList;

/**
 * Outbound: a mail becomes the stanzas written on the stream. The mapping gives each form of the stanzas, from full to
 * smallest; the codec encodes them once; the first form whose largest stanza fits
 * {@link MappingOptions#maxStanzaBytes()} in UTF-8 bytes is the one sent, byte for byte.
 */
public final class MailEncoder {
    private MailEncoder() {
    }

    public static EncodedMail encode(MimeMessage message, MailAddress sender, List<? extends MailAddress> recipients,
                                     MappingOptions options) throws MappingException {
        return fit(MimeToStanza.convert(message, sender, recipients, options));
    }

    /** As above, with one XEP-0033 multicast stanza per domain of {@code multicastDomains} ({@link MappedMail#multicastTo}). */
    public static EncodedMail encode(MimeMessage message, MailAddress sender, List<? extends MailAddress> recipients,
                                     MappingOptions options, Set<String> multicastDomains) throws MappingException {
        return fit(MimeToStanza.convert(message, sender, recipients, options).multicastTo(multicastDomains));
    }

    public static EncodedMail encode(byte[] mime, MailAddress sender, List<? extends MailAddress> recipients,
                                     MappingOptions options) throws MappingException {
        return fit(MimeToStanza.convert(mime, sender, recipients, options));
    }

    /** As above, with one XEP-0033 multicast stanza per domain of {@code multicastDomains}. */
    public static EncodedMail encode(byte[] mime, MailAddress sender, List<? extends MailAddress> recipients,
                                     MappingOptions options, Set<String> multicastDomains) throws MappingException {
        return fit(MimeToStanza.convert(mime, sender, recipients, options).multicastTo(multicastDomains));
    }

    private static EncodedMail fit(MappedMail mail) throws MappingException {
        int largest = 0;
        for (ShrinkLevel level : mail.levels()) {
            ImmutableList.Builder<EncodedMail.Recipient> encoded = ImmutableList.builder();
            largest = 0;
            for (OutboundStanza stanza : mail.stanzas(level)) {
                EncodedMail.Recipient recipient = new EncodedMail.Recipient(stanza.recipient(),
                    StanzaCodec.encode(stanza.message()), stanza.multicast());
                largest = Math.max(largest, recipient.stanza().bytes());
                encoded.add(recipient);
            }
            if (largest <= mail.maxStanzaBytes()) {
                return new EncodedMail(encoded.build(), mail.notes(level));
            }
        }
        throw new MappingException(MappingException.Reason.TOO_LARGE,
            "the text of the mail needs a stanza of " + largest + " bytes, over the limit of " + mail.maxStanzaBytes());
    }
}
