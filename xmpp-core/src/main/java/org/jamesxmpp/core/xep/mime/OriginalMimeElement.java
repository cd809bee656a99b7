package org.jamesxmpp.core.xep.mime;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jamesxmpp.core.xep.ValueElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The original RFC 5322 message, base64 encoded, carried between two james-xmpp servers so the receiving James stores
 * the identical bytes: {@code <mime xmlns='urn:jamesxmpp:mime:0'>base64</mime>}.
 */
public final class OriginalMimeElement extends ValueElement {
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
        super(QNAME);
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
    protected List<Object> values() {
        return List.of(base64);
    }

    @Override
    protected void appendContent(XmlStringBuilder xml) {
        xml.append(base64);
    }
}
