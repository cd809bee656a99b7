package org.jamesxmpp.core.s2s;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jivesoftware.smack.packet.Stanza;

/**
 * A stanza received on an authenticated incoming stream. Its {@code from} domain is
 * {@code peerDomain} (checked by the engine) and its {@code to} domain is one of ours.
 *
 * @param tls whether the stream was encrypted
 * @param remoteAddress the peer's socket address (informative only: never an authentication)
 */
public record InboundStanza(Stanza stanza, String peerDomain, AuthMethod authMethod, boolean tls,
                            InetSocketAddress remoteAddress) {
    public InboundStanza {
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(peerDomain, "peerDomain");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
}
