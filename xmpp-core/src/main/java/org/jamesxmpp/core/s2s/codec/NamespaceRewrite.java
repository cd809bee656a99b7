package org.jamesxmpp.core.s2s.codec;

/** Renames namespaces while serializing, e.g. {@code jabber:server} to {@code jabber:client} for Smack. */
@FunctionalInterface
public interface NamespaceRewrite {
    NamespaceRewrite NONE = namespace -> namespace;

    String rewrite(String namespace);
}
