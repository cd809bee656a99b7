package org.jamesxmpp.core.s2s.codec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * An element read from a peer, namespaces resolved. Attribute keys are local names, except
 * {@code xml:lang} (and other {@code xml:} attributes) that keep their prefix.
 */
public record XmlElement(String namespace, String name, Map<String, String> attributes, List<XmlNode> nodes)
    implements XmlNode {
    public XmlElement {
        attributes = ImmutableMap.copyOf(attributes);
        nodes = ImmutableList.copyOf(nodes);
    }

    public boolean is(String namespace, String name) {
        return this.namespace.equals(namespace) && this.name.equals(name);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    public List<XmlElement> children() {
        return nodes.stream()
            .filter(XmlElement.class::isInstance)
            .map(XmlElement.class::cast)
            .collect(ImmutableList.toImmutableList());
    }

    public Optional<XmlElement> child(String namespace, String name) {
        return children().stream().filter(child -> child.is(namespace, name)).findFirst();
    }

    /** The concatenated character data directly inside this element. */
    public String text() {
        return nodes.stream()
            .filter(XmlText.class::isInstance)
            .map(node -> ((XmlText) node).text())
            .collect(Collectors.joining());
    }

    /** Serializes as a self-contained fragment (its namespace declared on it). */
    public String toXml(NamespaceRewrite rewrite) {
        StringBuilder out = new StringBuilder(256);
        appendTo(out, "", rewrite);
        return out.toString();
    }

    @Override
    public void appendTo(StringBuilder out, String inheritedNamespace, NamespaceRewrite rewrite) {
        String effectiveNamespace = rewrite.rewrite(namespace);
        Xml.element(out, name, effectiveNamespace, inheritedNamespace, attributes, nodes.isEmpty(),
            () -> nodes.forEach(node -> node.appendTo(out, effectiveNamespace, rewrite)));
    }
}
