package org.jamesxmpp.core.mapping;

import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.jivesoftware.smack.packet.Message;

/**
 * One message stanza for one envelope recipient, built for this value alone ({@link MappedMail#stanzas} builds new
 * ones at each call), so that the codec encodes it as it is, without a copy.
 */
public final class OutboundStanza {
    private final MailAddress recipient;
    private final Message message;

    OutboundStanza(MailAddress recipient, Message message) {
        this.recipient = Objects.requireNonNull(recipient);
        this.message = Objects.requireNonNull(message);
    }

    public MailAddress recipient() {
        return recipient;
    }

    /** The stanza itself, to be encoded, not changed: nothing else holds it. */
    public Message message() {
        return message;
    }

    @Override
    public String toString() {
        return "OutboundStanza{recipient=" + recipient.asString() + ", id=" + message.getStanzaId() + "}";
    }
}
