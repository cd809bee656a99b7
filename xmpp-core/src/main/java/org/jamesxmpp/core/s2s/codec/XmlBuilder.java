package org.jamesxmpp.core.s2s.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes one element of our own, values escaped: the way any XML that carries a value goes out. Attributes are
 * written in the order they were added; an element without content is written empty ({@code <a/>}).
 */
public final class XmlBuilder {
    private final String name;
    private final StringBuilder attributes = new StringBuilder();
    private final List<Consumer<StringBuilder>> content = new ArrayList<>();

    private XmlBuilder(String name) {
        this.name = name;
    }

    /** @param name a qualified name we chose (a constant), never a peer's value */
    public static XmlBuilder element(String name) {
        return new XmlBuilder(name);
    }

    public XmlBuilder namespace(String namespace) {
        return attribute("xmlns", namespace);
    }

    public XmlBuilder attribute(String key, String value) {
        attributes.append(' ').append(key).append("='");
        Xml.escapeAttribute(value, attributes);
        attributes.append('\'');
        return this;
    }

    public XmlBuilder attribute(String key, Optional<String> value) {
        value.ifPresent(present -> attribute(key, present));
        return this;
    }

    public XmlBuilder text(String text) {
        content.add(out -> Xml.escapeText(text, out));
        return this;
    }

    public XmlBuilder child(XmlBuilder child) {
        content.add(child::appendTo);
        return this;
    }

    public String toXml() {
        StringBuilder out = new StringBuilder(64);
        appendTo(out);
        return out.toString();
    }

    private void appendTo(StringBuilder out) {
        out.append('<').append(name).append(attributes);
        if (content.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        content.forEach(part -> part.accept(out));
        out.append("</").append(name).append('>');
    }
}
