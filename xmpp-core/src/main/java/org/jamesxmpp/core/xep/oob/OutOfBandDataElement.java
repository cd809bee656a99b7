package org.jamesxmpp.core.xep.oob;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jamesxmpp.core.xep.ValueElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0066 {@code <x xmlns='jabber:x:oob'><url/><desc/></x>}: a link to something the recipient can fetch.
 */
public final class OutOfBandDataElement extends ValueElement {
    public static final String ELEMENT = "x";
    public static final String NAMESPACE = "jabber:x:oob";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static List<OutOfBandDataElement> from(Stanza stanza) {
        return stanza.getExtensions(OutOfBandDataElement.class);
    }

    private final String url;
    private final Optional<String> desc;

    public OutOfBandDataElement(String url, Optional<String> desc) {
        super(QNAME);
        this.url = Objects.requireNonNull(url);
        this.desc = Objects.requireNonNull(desc);
    }

    public String getUrl() {
        return url;
    }

    public Optional<String> getDesc() {
        return desc;
    }

    @Override
    protected List<Object> values() {
        return List.of(url, desc);
    }

    @Override
    protected void appendContent(XmlStringBuilder xml) {
        xml.element("url", url);
        desc.ifPresent(value -> xml.element("desc", value));
    }
}
