package org.jamesxmpp.core.xep.sims;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jamesxmpp.core.xep.ValueElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.XmlStringBuilder;

import com.google.common.collect.ImmutableList;

/**
 * An XEP-0372 {@code <reference/>} as XEP-0385 (SIMS) uses it: a {@code <media-sharing/>} file (XEP-0234 name, media
 * type, size) and the URIs of its {@code <sources/>}. A reference without media sharing (a mention, say) has no name
 * and no sources.
 */
public final class MediaSharingElement extends ValueElement {
    public static final String ELEMENT = "reference";
    public static final String NAMESPACE = "urn:xmpp:reference:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    public static final String SIMS_NAMESPACE = "urn:xmpp:sims:1";
    public static final String FILE_NAMESPACE = "urn:xmpp:jingle:apps:file-transfer:5";

    public static List<MediaSharingElement> from(Stanza stanza) {
        return stanza.getExtensions(MediaSharingElement.class);
    }

    private final Optional<String> name;
    private final Optional<String> mediaType;
    private final Optional<Long> size;
    private final List<String> sources;

    public MediaSharingElement(Optional<String> name, Optional<String> mediaType, Optional<Long> size, List<String> sources) {
        super(QNAME);
        this.name = Objects.requireNonNull(name);
        this.mediaType = Objects.requireNonNull(mediaType);
        this.size = Objects.requireNonNull(size);
        this.sources = ImmutableList.copyOf(sources);
    }

    public Optional<String> name() {
        return name;
    }

    public Optional<String> mediaType() {
        return mediaType;
    }

    public Optional<Long> size() {
        return size;
    }

    /** The URIs of the sources, in stanza order (http, https, xmpp, …: the reader picks what it can fetch). */
    public List<String> sources() {
        return sources;
    }

    /** The first {@code http(s)} source: the one a mail server can download. */
    public Optional<String> webSource() {
        return sources.stream().filter(uri -> uri.startsWith("https://") || uri.startsWith("http://")).findFirst();
    }

    @Override
    protected List<Object> values() {
        return List.of(name, mediaType, size, sources);
    }

    @Override
    protected void appendAttributes(XmlStringBuilder xml) {
        xml.attribute("type", "data");
    }

    @Override
    protected void appendContent(XmlStringBuilder xml) {
        xml.halfOpenElement("media-sharing").xmlnsAttribute(SIMS_NAMESPACE).rightAngleBracket();
        xml.halfOpenElement("file").xmlnsAttribute(FILE_NAMESPACE).rightAngleBracket();
        mediaType.ifPresent(value -> xml.element("media-type", value));
        name.ifPresent(value -> xml.element("name", value));
        size.ifPresent(value -> xml.element("size", Long.toString(value)));
        xml.closeElement("file");
        xml.openElement("sources");
        sources.forEach(uri -> xml.halfOpenElement(ELEMENT).xmlnsAttribute(NAMESPACE).attribute("type", "data")
            .attribute("uri", uri).closeEmptyElement());
        xml.closeElement("sources");
        xml.closeElement("media-sharing");
    }
}
