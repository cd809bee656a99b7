package org.jamesxmpp.core.xep;

import java.util.List;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * An immutable extension element of ours: name and namespace, how it is written, and equality by its values. A
 * subclass names its values and writes its attributes and content; the start tag, the closing and the namespace
 * handling are here once.
 */
public abstract class ValueElement implements ExtensionElement {
    private final QName qname;

    protected ValueElement(QName qname) {
        this.qname = qname;
    }

    /** What makes two elements of the same class equal, in a fixed order. */
    protected abstract List<Object> values();

    /** Attributes after {@code xmlns}; none by default. */
    protected void appendAttributes(XmlStringBuilder xml) {
    }

    /** The children or text. */
    protected void appendContent(XmlStringBuilder xml) {
    }

    /** Whether the element has children or text: else it is written {@code <x .../>}. */
    protected boolean hasContent() {
        return true;
    }

    @Override
    public final String getElementName() {
        return qname.getLocalPart();
    }

    @Override
    public final String getNamespace() {
        return qname.getNamespaceURI();
    }

    @Override
    public final XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        appendAttributes(xml);
        if (!hasContent()) {
            xml.closeEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        appendContent(xml);
        xml.closeElement(this);
        return xml;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && values().equals(((ValueElement) other).values());
    }

    @Override
    public final int hashCode() {
        return values().hashCode();
    }
}
