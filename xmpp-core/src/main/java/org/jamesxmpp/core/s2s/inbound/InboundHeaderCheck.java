package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;

/**
 * What a peer's stream header must hold before we answer it (RFC 6120 4.7, 4.9.3), in two steps around the lookup
 * of its {@code to} in our domains (which runs off the event loop).
 */
final class InboundHeaderCheck {
    private InboundHeaderCheck() {
    }

    /**
     * @return the domain the peer addresses, to be looked up
     * @throws StreamException {@code invalid-namespace}, or {@code host-unknown} when there is no {@code to}
     */
    static String addressed(StreamHeader header) {
        if (!StanzaCodec.SERVER_NAMESPACE.equals(header.defaultNamespace())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "stream namespace is not jabber:server");
        }
        return header.to().orElseThrow(() -> new StreamException(StreamErrorCondition.HOST_UNKNOWN, "we do not serve (no to)"));
    }

    /**
     * @param local whether the addressed domain is one of ours
     * @throws StreamException {@code host-unknown} or {@code unsupported-version}
     */
    static void served(StreamHeader header, boolean local) {
        if (!local) {
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "we do not serve " + header.to().orElse("(no to)"));
        }
        Optional<String> version = header.version();
        if (version.filter(value -> !value.startsWith("1.")).isPresent()) {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_VERSION, "version " + version.get());
        }
    }
}
