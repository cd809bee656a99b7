package org.jamesxmpp.core.mapping;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smackx.shim.packet.Header;
import org.jivesoftware.smackx.shim.packet.HeadersExtension;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * Which mail headers travel as XEP-0131 SHIM headers, both ways. An allow-list: trace, authentication and MIME
 * structure headers never travel, and a peer cannot set them.
 */
final class ShimHeaders {
    static final Set<String> CARRIED = ImmutableSet.of("from", "in-reply-to", "references", "keywords", "comments",
        "importance", "priority", "x-priority", "sensitivity", "organization", "list-id", "list-post",
        "list-unsubscribe", "auto-submitted", "precedence", "user-agent", "x-mailer");

    private ShimHeaders() {
    }

    static Optional<HeadersExtension> outbound(MailHeaders headers) {
        ImmutableList.Builder<Header> carried = ImmutableList.builder();
        headers.fields().stream()
            .filter(field -> CARRIED.contains(field.name().toLowerCase(Locale.ROOT)))
            .forEach(field -> carried.add(new Header(canonicalName(field.name()), Texts.xmlSafe(MailHeaders.decode(field.value())))));
        List<Header> list = carried.build();
        return list.isEmpty() ? Optional.empty() : Optional.of(new HeadersExtension(list));
    }

    /** Headers from a peer that may go into the mail, in the peer's order, first occurrence of each name only. */
    static List<Header> inbound(Optional<HeadersExtension> extension) {
        if (extension.isEmpty()) {
            return List.of();
        }
        ImmutableList.Builder<Header> accepted = ImmutableList.builder();
        Set<String> seen = new HashSet<>();
        for (Header header : extension.get().getHeaders()) {
            String name = header.getName() == null ? "" : header.getName().toLowerCase(Locale.ROOT);
            if (CARRIED.contains(name) && header.getValue() != null && seen.add(name)) {
                accepted.add(new Header(canonicalName(name), Texts.singleLine(header.getValue(), MailHeaders.MAX_VALUE_CHARS)));
            }
        }
        return accepted.build();
    }

    static String canonicalName(String name) {
        StringBuilder builder = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            builder.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return builder.toString();
    }
}
