package org.jamesxmpp.core.xep.sfs;

import java.util.List;
import java.util.Objects;

import javax.xml.namespace.QName;

import org.jamesxmpp.core.xep.ValueElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0447 stateless file sharing of one file: its XEP-0446 metadata (media type, name, size, an XEP-0300 SHA-256
 * hash) and one XEP-0103 URL source the recipient downloads it from.
 */
public final class FileSharingElement extends ValueElement {
    public static final String ELEMENT = "file-sharing";
    public static final String NAMESPACE = "urn:xmpp:sfs:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    public static final String METADATA_NAMESPACE = "urn:xmpp:file:metadata:0";
    public static final String HASHES_NAMESPACE = "urn:xmpp:hashes:2";
    public static final String URL_DATA_NAMESPACE = "http://jabber.org/protocol/url-data";
    public static final String SHA_256 = "sha-256";

    public static List<FileSharingElement> from(Stanza stanza) {
        return stanza.getExtensions(FileSharingElement.class);
    }

    private final String mediaType;
    private final String name;
    private final long size;
    private final String sha256Base64;
    private final String url;

    public FileSharingElement(String mediaType, String name, long size, String sha256Base64, String url) {
        super(QNAME);
        this.mediaType = Objects.requireNonNull(mediaType);
        this.name = Objects.requireNonNull(name);
        this.size = size;
        this.sha256Base64 = Objects.requireNonNull(sha256Base64);
        this.url = Objects.requireNonNull(url);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    public String mediaType() {
        return mediaType;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public String sha256Base64() {
        return sha256Base64;
    }

    public String url() {
        return url;
    }

    @Override
    protected List<Object> values() {
        return List.of(mediaType, name, size, sha256Base64, url);
    }

    @Override
    protected void appendAttributes(XmlStringBuilder xml) {
        xml.attribute("disposition", "attachment");
    }

    @Override
    protected void appendContent(XmlStringBuilder xml) {
        xml.halfOpenElement("file").xmlnsAttribute(METADATA_NAMESPACE).rightAngleBracket();
        xml.element("media-type", mediaType);
        xml.element("name", name);
        xml.element("size", Long.toString(size));
        xml.halfOpenElement("hash").xmlnsAttribute(HASHES_NAMESPACE).attribute("algo", SHA_256).rightAngleBracket();
        xml.escape(sha256Base64);
        xml.closeElement("hash");
        xml.closeElement("file");
        xml.openElement("sources");
        xml.halfOpenElement("url-data").xmlnsAttribute(URL_DATA_NAMESPACE).attribute("target", url).closeEmptyElement();
        xml.closeElement("sources");
    }
}
