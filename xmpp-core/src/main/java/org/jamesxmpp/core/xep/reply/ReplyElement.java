package org.jamesxmpp.core.xep.reply;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jamesxmpp.core.xep.ValueElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jxmpp.jid.Jid;

/**
 * XEP-0461 message replies: {@code <reply xmlns='urn:xmpp:reply:0' to='…' id='…'/>}.
 */
public final class ReplyElement extends ValueElement {
    public static final String ELEMENT = "reply";
    public static final String NAMESPACE = "urn:xmpp:reply:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static Optional<ReplyElement> from(Stanza stanza) {
        return Optional.ofNullable(stanza.getExtension(ReplyElement.class));
    }

    private final Optional<Jid> to;
    private final String id;

    public ReplyElement(Optional<Jid> to, String id) {
        super(QNAME);
        this.to = Objects.requireNonNull(to);
        this.id = Objects.requireNonNull(id);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("A reply needs the id of the message replied to");
        }
    }

    public Optional<Jid> getTo() {
        return to;
    }

    public String getId() {
        return id;
    }

    @Override
    protected List<Object> values() {
        return List.of(to, id);
    }

    @Override
    protected void appendAttributes(XmlStringBuilder xml) {
        to.ifPresent(value -> xml.attribute("to", value.toString()));
        xml.attribute("id", id);
    }

    @Override
    protected boolean hasContent() {
        return false;
    }
}
