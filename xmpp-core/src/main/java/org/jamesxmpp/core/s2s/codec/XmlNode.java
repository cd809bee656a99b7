package org.jamesxmpp.core.s2s.codec;

/** A node of a top-level stream element: an element or text. */
public sealed interface XmlNode permits XmlElement, XmlText {
    void appendTo(StringBuilder out, String inheritedNamespace, NamespaceRewrite rewrite);
}
