package org.jamesxmpp.core.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jxmpp.jid.EntityBareJid;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * To, Cc and Reply-To of a mail as XEP-0033 addresses, all {@code delivered='true'} when each recipient gets its own
 * stanza. A recipient absent from To and Cc is a bcc recipient: its stanza lists its own address as {@code bcc},
 * and no other stanza mentions it. A multicast stanza to a peer domain has the same list, the recipients it is to
 * deliver to without {@code delivered}; it never carries a bcc recipient (they keep stanzas of their own, so that
 * their privacy does not depend on the peer stripping bcc addresses).
 */
final class Addressing {
    private final List<AddressEntry> visible;
    private final Set<String> visibleAddresses;
    private final int maxAddresses;

    static Addressing of(MailHeaders headers, int maxAddresses) {
        ImmutableList.Builder<AddressEntry> entries = ImmutableList.builder();
        ImmutableSet.Builder<String> addresses = ImmutableSet.builder();
        for (AddressType type : List.of(AddressType.TO, AddressType.CC)) {
            for (Mailbox mailbox : headers.mailboxes(type == AddressType.TO ? "To" : "Cc")) {
                entries.add(entry(type, mailbox));
                addresses.add(mailbox.getAddress().toLowerCase(Locale.ROOT));
            }
        }
        headers.mailboxes("Reply-To").forEach(mailbox -> entries.add(entry(AddressType.REPLYTO, mailbox)));
        return new Addressing(entries.build(), addresses.build(), maxAddresses);
    }

    private Addressing(List<AddressEntry> visible, Set<String> visibleAddresses, int maxAddresses) {
        this.visible = visible;
        this.visibleAddresses = visibleAddresses;
        this.maxAddresses = maxAddresses;
    }

    boolean isBcc(MailAddress recipient) {
        return !visibleAddresses.contains(recipient.asString().toLowerCase(Locale.ROOT));
    }

    boolean truncated(MailAddress recipient) {
        return visible.size() > maxAddresses - (isBcc(recipient) ? 1 : 0);
    }

    /** Whether the recipient is named in To or Cc within the address cap, so that a multicast stanza can serve it. */
    boolean listed(EntityBareJid recipientJid) {
        return visible.subList(0, Math.min(visible.size(), maxAddresses)).stream()
            .anyMatch(entry -> entry.type() != AddressType.REPLYTO && entry.jid().map(recipientJid::equals).orElse(false));
    }

    /** The address list of a multicast stanza delivering to {@code recipients} (each {@link #listed}), once each. */
    MultipleAddressesElement forMulticast(Collection<EntityBareJid> recipients) {
        Set<EntityBareJid> pending = new HashSet<>(recipients);
        List<AddressEntry> entries = new ArrayList<>();
        for (AddressEntry entry : visible.subList(0, Math.min(visible.size(), maxAddresses))) {
            boolean deliverHere = entry.type() != AddressType.REPLYTO && entry.jid()
                .filter(EntityBareJid.class::isInstance)
                .map(EntityBareJid.class::cast)
                .map(pending::remove)
                .orElse(false);
            entries.add(new AddressEntry(entry.type(), entry.jid(), entry.uri(), entry.desc(), !deliverHere));
        }
        return new MultipleAddressesElement(entries);
    }

    Optional<MultipleAddressesElement> forRecipient(MailAddress recipient, EntityBareJid recipientJid) {
        boolean bcc = isBcc(recipient);
        boolean onlyThisRecipient = visible.size() == 1 && visible.get(0).type() == AddressType.TO
            && visible.get(0).jid().map(jid -> jid.equals(recipientJid)).orElse(false);
        if (!bcc && onlyThisRecipient) {
            return Optional.empty();
        }
        if (visible.isEmpty() && !bcc) {
            return Optional.empty();
        }
        List<AddressEntry> entries = new ArrayList<>(visible.subList(0, Math.min(visible.size(), maxAddresses - (bcc ? 1 : 0))));
        if (bcc) {
            entries.add(AddressEntry.ofJid(AddressType.BCC, recipientJid, Optional.empty(), true));
        }
        return Optional.of(new MultipleAddressesElement(entries));
    }

    private static AddressEntry entry(AddressType type, Mailbox mailbox) {
        Optional<String> desc = Optional.ofNullable(mailbox.getName())
            .map(name -> Texts.singleLine(name, 200))
            .filter(name -> !name.isEmpty());
        if (mailbox.getDomain() == null) {
            return AddressEntry.ofUri(type, "mailto:" + Texts.singleLine(mailbox.getAddress(), 998), desc, true);
        }
        try {
            MailAddress address = new MailAddress(mailbox.getLocalPart(), mailbox.getDomain());
            return AddressEntry.ofJid(type, AddressMapper.toJid(address), desc, true);
        } catch (AddressException | UnmappableAddressException | IllegalArgumentException e) {
            return AddressEntry.ofUri(type, "mailto:" + Texts.singleLine(mailbox.getAddress(), 998), desc, true);
        }
    }
}
