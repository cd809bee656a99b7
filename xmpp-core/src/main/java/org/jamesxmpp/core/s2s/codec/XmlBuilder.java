package org.jamesxmpp.core.s2s.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an element we send: attributes single-quoted and escaped, text escaped, {@code xmlns} written only where
 * the namespace differs from the enclosing one. A name may carry a stream prefix ({@code stream:features},
 * {@code db:result}) declared on our stream header; such an element takes no namespace of its own.
 * Build, write with {@link #toXml()}, forget: not for sharing between threads.
 */
public final class XmlBuilder {
    private final String name;
    private final Optional<String> namespace;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Object> children = new ArrayList<>();

    private XmlBuilder(String name, Optional<String> namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    /** An element in the namespace of its parent (or a prefixed one of the stream header). */
    public static XmlBuilder element(String name) {
        return new XmlBuilder(name, Optional.empty());
    }

    public static XmlBuilder element(String namespace, String name) {
        return new XmlBuilder(name, Optional.of(namespace));
    }

    public XmlBuilder attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    public XmlBuilder attribute(String key, Optional<String> value) {
        value.ifPresent(present -> attributes.put(key, present));
        return this;
    }

    public XmlBuilder child(XmlBuilder child) {
        children.add(child);
        return this;
    }

    public XmlBuilder text(String text) {
        children.add(text);
        return this;
    }

    public String toXml() {
        StringBuilder out = new StringBuilder(128);
        appendTo(out, "");
        return out.toString();
    }

    @Override
    public String toString() {
        return toXml();
    }

    private void appendTo(StringBuilder out, String inheritedNamespace) {
        String effectiveNamespace = namespace.orElse(inheritedNamespace);
        Xml.element(out, name, effectiveNamespace, inheritedNamespace, attributes, children.isEmpty(), () -> {
            for (Object child : children) {
                if (child instanceof XmlBuilder element) {
                    element.appendTo(out, effectiveNamespace);
                } else {
                    Xml.escapeText((String) child, out);
                }
            }
        });
    }
}
