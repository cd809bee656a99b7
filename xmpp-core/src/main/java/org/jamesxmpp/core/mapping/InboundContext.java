package org.jamesxmpp.core.mapping;

import java.time.Clock;
import java.util.Objects;

import org.jxmpp.jid.DomainBareJid;

/**
 * What the s2s layer knows about the stream a stanza arrived on.
 *
 * @param peerDomain the authenticated domain of the sending server
 * @param authMethod how it was authenticated
 * @param tls whether the stream was encrypted
 * @param receivingHost our host name, the authserv-id of {@code Authentication-Results}
 * @param clock arrival time when the stanza carries no XEP-0203 delay
 * @param options limits: {@link MappingOptions#maxAddresses()} and {@link MappingOptions#maxMimeBytes()} apply inbound
 */
public record InboundContext(DomainBareJid peerDomain, AuthMethod authMethod, boolean tls, String receivingHost,
                             Clock clock, MappingOptions options) {
    public static InboundContext of(DomainBareJid peerDomain, AuthMethod authMethod, boolean tls, String receivingHost, Clock clock) {
        return new InboundContext(peerDomain, authMethod, tls, receivingHost, clock, MappingOptions.defaults());
    }

    public InboundContext {
        Objects.requireNonNull(peerDomain);
        Objects.requireNonNull(authMethod);
        Objects.requireNonNull(receivingHost);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(options);
        if (!receivingHost.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("receivingHost must be a host name, got '" + receivingHost + "'");
        }
    }
}
