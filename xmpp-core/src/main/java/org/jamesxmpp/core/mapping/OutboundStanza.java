package org.jamesxmpp.core.mapping;

import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.jivesoftware.smack.packet.Message;

/**
 * One message stanza for one envelope recipient.
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

    /** A copy of the stanza: changing it does not change this result. */
    public Message message() {
        return message.asBuilder().build();
    }

    @Override
    public String toString() {
        return "OutboundStanza{recipient=" + recipient.asString() + ", id=" + message.getStanzaId() + "}";
    }
}
