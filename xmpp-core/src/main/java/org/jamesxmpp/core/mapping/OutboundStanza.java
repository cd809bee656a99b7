package org.jamesxmpp.core.mapping;

import java.util.List;
import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.jivesoftware.smack.packet.Message;

import com.google.common.collect.ImmutableList;

/**
 * One message stanza for one envelope recipient, or an XEP-0033 multicast stanza to a peer domain for several of them,
 * built for this value alone ({@link MappedMail#stanzas} builds new ones at each call), so that the codec encodes it as
 * it is, without a copy.
 */
public final class OutboundStanza {
    private final MailAddress recipient;
    private final List<MailAddress> multicast;
    private final Message message;

    OutboundStanza(MailAddress recipient, Message message) {
        this(recipient, ImmutableList.of(), message);
    }

    private OutboundStanza(MailAddress recipient, List<MailAddress> multicast, Message message) {
        this.recipient = Objects.requireNonNull(recipient);
        this.multicast = ImmutableList.copyOf(multicast);
        this.message = Objects.requireNonNull(message);
    }

    /** A stanza to the multicast service of the recipients' domain, delivering to each of them (at least two). */
    static OutboundStanza multicast(List<MailAddress> recipients, Message message) {
        return new OutboundStanza(recipients.get(0), recipients, message);
    }

    /** The recipient; of a multicast stanza, the first of its recipients. */
    public MailAddress recipient() {
        return recipient;
    }

    /** The recipients of a multicast stanza, in the mail's order; empty for a stanza to one recipient. */
    public List<MailAddress> multicast() {
        return multicast;
    }

    /** The stanza itself, to be encoded, not changed: nothing else holds it. */
    public Message message() {
        return message;
    }

    @Override
    public String toString() {
        return "OutboundStanza{recipient=" + recipient.asString() + (multicast.isEmpty() ? "" : ", multicast=" + multicast)
            + ", id=" + message.getStanzaId() + "}";
    }
}
