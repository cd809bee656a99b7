package org.jamesxmpp.core.s2s.codec;

import java.util.Map;
import java.util.Optional;

import com.google.common.collect.ImmutableMap;

/**
 * An opening {@code <stream:stream>} as received.
 *
 * @param defaultNamespace the content namespace ({@code jabber:server} on s2s)
 * @param dialbackDeclared whether {@code xmlns:db='jabber:server:dialback'} was declared
 */
public record StreamHeader(Map<String, String> attributes, String defaultNamespace, boolean dialbackDeclared) {
    public StreamHeader {
        attributes = ImmutableMap.copyOf(attributes);
    }

    public Optional<String> from() {
        return Optional.ofNullable(attributes.get("from"));
    }

    public Optional<String> to() {
        return Optional.ofNullable(attributes.get("to"));
    }

    public Optional<String> id() {
        return Optional.ofNullable(attributes.get("id"));
    }

    public Optional<String> version() {
        return Optional.ofNullable(attributes.get("version"));
    }
}
