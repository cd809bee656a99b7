package org.jamesxmpp.core.xep.addresses;

import java.util.List;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import com.google.common.collect.ImmutableList;

/**
 * XEP-0033 {@code <addresses/>}, immutable. Smack's own class is mutable and writes {@code desc} twice.
 */
public final class MultipleAddressesElement implements ExtensionElement {
    public static final String ELEMENT = "addresses";
    public static final String NAMESPACE = "http://jabber.org/protocol/address";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static MultipleAddressesElement from(Stanza stanza) {
        return stanza.getExtension(MultipleAddressesElement.class);
    }

    private final List<AddressEntry> addresses;

    public MultipleAddressesElement(List<AddressEntry> addresses) {
        this.addresses = ImmutableList.copyOf(addresses);
    }

    public List<AddressEntry> getAddresses() {
        return addresses;
    }

    public List<AddressEntry> getAddresses(AddressType type) {
        return addresses.stream()
            .filter(address -> address.type() == type)
            .collect(ImmutableList.toImmutableList());
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
        addresses.forEach(address -> address.appendTo(xml));
        xml.closeElement(this);
        return xml;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MultipleAddressesElement && addresses.equals(((MultipleAddressesElement) other).addresses);
    }

    @Override
    public int hashCode() {
        return addresses.hashCode();
    }
}
