package org.jamesxmpp.core.mapping;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.jivesoftware.smack.packet.Message;

/**
 * One message stanza for one envelope recipient, with its {@code jabber:server} serialization.
 */
public final class OutboundStanza {
    private final MailAddress recipient;
    private final Message message;
    private final String xml;

    OutboundStanza(MailAddress recipient, Message message, String xml) {
        this.recipient = Objects.requireNonNull(recipient);
        this.message = Objects.requireNonNull(message);
        this.xml = Objects.requireNonNull(xml);
    }

    public MailAddress recipient() {
        return recipient;
    }

    /** A copy of the stanza: changing it does not change this result. */
    public Message message() {
        return message.asBuilder().build();
    }

    /** The stanza as written on an s2s stream: {@code <message xmlns='jabber:server' …>}. */
    public String xml() {
        return xml;
    }

    public int sizeInBytes() {
        return xml.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundStanza
            && recipient.equals(((OutboundStanza) other).recipient)
            && xml.equals(((OutboundStanza) other).xml);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, xml);
    }

    @Override
    public String toString() {
        return "OutboundStanza{recipient=" + recipient.asString() + ", bytes=" + xml.length() + "}";
    }
}
