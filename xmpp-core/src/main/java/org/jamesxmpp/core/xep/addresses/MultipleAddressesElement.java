package org.jamesxmpp.core.xep.addresses;

import java.util.List;

import javax.xml.namespace.QName;

import org.jamesxmpp.core.xep.ValueElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.XmlStringBuilder;

import com.google.common.collect.ImmutableList;

/**
 * XEP-0033 {@code <addresses/>}, immutable. Smack's own class is mutable and writes {@code desc} twice.
 */
public final class MultipleAddressesElement extends ValueElement {
    public static final String ELEMENT = "addresses";
    public static final String NAMESPACE = "http://jabber.org/protocol/address";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static MultipleAddressesElement from(Stanza stanza) {
        return stanza.getExtension(MultipleAddressesElement.class);
    }

    private final List<AddressEntry> addresses;

    public MultipleAddressesElement(List<AddressEntry> addresses) {
        super(QNAME);
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
    protected List<Object> values() {
        return List.of(addresses);
    }

    @Override
    protected void appendContent(XmlStringBuilder xml) {
        addresses.forEach(address -> address.appendTo(xml));
    }
}
