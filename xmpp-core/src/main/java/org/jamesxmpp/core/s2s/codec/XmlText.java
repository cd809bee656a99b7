package org.jamesxmpp.core.s2s.codec;

/** Character data, unescaped. */
public record XmlText(String text) implements XmlNode {
    @Override
    public void appendTo(StringBuilder out, String inheritedNamespace, NamespaceRewrite rewrite) {
        Xml.escapeText(text, out);
    }
}
