package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;

/** What a peer's stream header must hold before we answer it (RFC 6120 4.7, 4.9.3). */
final class InboundHeaderCheck {
    private InboundHeaderCheck() {
    }

    /**
     * @return the local domain the peer addresses
     * @throws StreamException {@code invalid-namespace}, {@code host-unknown} or {@code unsupported-version}
     */
    static String localDomain(StreamHeader header, LocalDomains localDomains) {
        if (!StanzaCodec.SERVER_NAMESPACE.equals(header.defaultNamespace())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "stream namespace is not jabber:server");
        }
        Optional<String> to = header.to();
        if (to.isEmpty() || !localDomains.isLocal(to.get())) {
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "we do not serve " + to.orElse("(no to)"));
        }
        if (header.version().filter(version -> !version.startsWith("1.")).isPresent()) {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_VERSION, "version " + header.version().get());
        }
        return to.get();
    }
}
