package org.jamesxmpp.core.xep.oob;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0066 {@code <x xmlns='jabber:x:oob'><url/><desc/></x>}: a link to something the recipient can fetch.
 */
public final class OutOfBandDataElement implements ExtensionElement {
    public static final String ELEMENT = "x";
    public static final String NAMESPACE = "jabber:x:oob";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static List<OutOfBandDataElement> from(Stanza stanza) {
        return stanza.getExtensions(OutOfBandDataElement.class);
    }

    private final String url;
    private final Optional<String> desc;

    public OutOfBandDataElement(String url, Optional<String> desc) {
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
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.rightAngleBracket();
        xml.element("url", url);
        desc.ifPresent(value -> xml.element("desc", value));
        xml.closeElement(this);
        return xml;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutOfBandDataElement
            && url.equals(((OutOfBandDataElement) other).url)
            && desc.equals(((OutOfBandDataElement) other).desc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, desc);
    }
}
