package org.jamesxmpp.core.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jxmpp.jid.Jid;

import com.google.common.collect.ImmutableList;

/**
 * Who an inbound message stanza is for (XEP-0033 §4): its {@code to} when that is a user (not when it is our domain
 * as multicast service), and every {@code to}, {@code cc} and {@code bcc} address the sending service has not
 * delivered yet ({@code delivered='true'} means that address got its own stanza). Each address once. Which of them
 * this server serves is the caller's to decide: candidates outside it are dropped there, never relayed.
 */
final class InboundRecipients {
    private static final List<AddressType> RECIPIENT_TYPES = List.of(AddressType.TO, AddressType.CC, AddressType.BCC);

    private InboundRecipients() {
    }

    static List<MailAddress> of(Jid to, Optional<MultipleAddressesElement> addresses) throws MappingException {
        Set<MailAddress> recipients = new LinkedHashSet<>();
        boolean multicast = to.isDomainBareJid() && addresses.isPresent();
        if (!multicast) {
            recipients.add(mailAddress(to));
        }
        addresses.ifPresent(element -> element.getAddresses().stream()
            .filter(entry -> RECIPIENT_TYPES.contains(entry.type()))
            .filter(entry -> !entry.delivered())
            .map(AddressEntry::jid)
            .flatMap(Optional::stream)
            .map(StanzaToMime::optionalMailAddress)
            .flatMap(Optional::stream)
            .forEach(recipients::add));
        if (recipients.isEmpty()) {
            throw new MappingException(MappingException.Reason.MALFORMED_STANZA,
                "a stanza to the multicast service " + to + " names no undelivered to, cc or bcc address");
        }
        return ImmutableList.copyOf(recipients);
    }

    private static MailAddress mailAddress(Jid jid) throws MappingException {
        return StanzaToMime.optionalMailAddress(jid)
            .orElseThrow(() -> new MappingException(MappingException.Reason.UNMAPPABLE_RECIPIENT,
                "'" + jid + "' is no mail address"));
    }
}
