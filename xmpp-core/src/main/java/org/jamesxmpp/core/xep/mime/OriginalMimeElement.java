package org.jamesxmpp.core.xep.mime;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The original RFC 5322 message, base64 encoded, carried between two james-xmpp servers so the receiving James stores
 * the identical bytes: {@code <mime xmlns='urn:jamesxmpp:mime:0'>base64</mime>}.
 */
public final class OriginalMimeElement implements ExtensionElement {
    public static final String ELEMENT = "mime";
    public static final String NAMESPACE = "urn:jamesxmpp:mime:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static Optional<OriginalMimeElement> from(Stanza stanza) {
        return Optional.ofNullable(stanza.getExtension(OriginalMimeElement.class));
    }

    public static OriginalMimeElement of(byte[] mime) {
        return new OriginalMimeElement(Base64.getEncoder().encodeToString(mime));
    }

    private final String base64;

    public OriginalMimeElement(String base64) {
        this.base64 = Objects.requireNonNull(base64);
    }

    public String getBase64() {
        return base64;
    }

    /**
     * @throws IllegalArgumentException when the peer sent something that is not base64
     */
    public byte[] decode() {
        return Base64.getMimeDecoder().decode(base64);
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
        xml.append(base64);
        xml.closeElement(this);
        return xml;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OriginalMimeElement && base64.equals(((OriginalMimeElement) other).base64);
    }

    @Override
    public int hashCode() {
        return base64.hashCode();
    }
}
