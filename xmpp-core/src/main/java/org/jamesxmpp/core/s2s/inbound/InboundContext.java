package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.outbound.DialbackVerifier;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

/** What every incoming stream shares. */
public record InboundContext(S2sSettings settings, LocalDomains localDomains, DialbackKeys keys,
                             Optional<TlsContexts> tls, DialbackVerifier verifier, InboundStanzas stanzas) {
}
