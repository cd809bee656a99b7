package org.jamesxmpp.core.xep.addresses;

import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jxmpp.jid.Jid;

/**
 * One {@code <address/>} of XEP-0033: a JID or a URI (for instance {@code mailto:}), an optional description.
 */
public record AddressEntry(AddressType type, Optional<Jid> jid, Optional<String> uri, Optional<String> desc, boolean delivered) {
    public static AddressEntry ofJid(AddressType type, Jid jid, Optional<String> desc, boolean delivered) {
        return new AddressEntry(type, Optional.of(jid), Optional.empty(), desc, delivered);
    }

    public static AddressEntry ofUri(AddressType type, String uri, Optional<String> desc, boolean delivered) {
        return new AddressEntry(type, Optional.empty(), Optional.of(uri), desc, delivered);
    }

    public AddressEntry {
        Objects.requireNonNull(type);
        Objects.requireNonNull(jid);
        Objects.requireNonNull(uri);
        Objects.requireNonNull(desc);
        if (jid.isPresent() == uri.isPresent()) {
            throw new IllegalArgumentException("An address has either a jid or a uri");
        }
    }

    void appendTo(XmlStringBuilder xml) {
        xml.halfOpenElement("address");
        xml.attribute("type", type.value());
        jid.ifPresent(value -> xml.attribute("jid", value.toString()));
        uri.ifPresent(value -> xml.attribute("uri", value));
        desc.ifPresent(value -> xml.attribute("desc", value));
        if (delivered) {
            xml.attribute("delivered", "true");
        }
        xml.closeEmptyElement();
    }
}
