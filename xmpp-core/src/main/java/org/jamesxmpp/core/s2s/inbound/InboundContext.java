package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;
import java.util.concurrent.Executor;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.outbound.DialbackVerifier;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.annotations.VisibleForTesting;
import com.google.common.util.concurrent.MoreExecutors;

/**
 * What every incoming stream shares.
 *
 * @param stanzaExecutor where stanzas are handled (addressing lookups, mapping, spooling): never an event loop
 */
public record InboundContext(S2sSettings settings, LocalDomains localDomains, DialbackKeys keys,
                             Optional<TlsContexts> tls, DialbackVerifier verifier, InboundStanzas stanzas,
                             Executor stanzaExecutor, DomainStreams domainStreams, InFlightBytes inFlightBytes) {
    public InboundContext(S2sSettings settings, LocalDomains localDomains, DialbackKeys keys, Optional<TlsContexts> tls,
                          DialbackVerifier verifier, InboundStanzas stanzas, Executor stanzaExecutor) {
        this(settings, localDomains, keys, tls, verifier, stanzas, stanzaExecutor,
            new DomainStreams(settings.inboundLimits().maxStreamsPerDomain()),
            new InFlightBytes(settings.inboundLimits().maxInFlightBytes()));
    }

    /** Stanzas handled on the calling thread: for tests that drive one channel by hand. */
    @VisibleForTesting
    public InboundContext(S2sSettings settings, LocalDomains localDomains, DialbackKeys keys, Optional<TlsContexts> tls,
                          DialbackVerifier verifier, InboundStanzas stanzas) {
        this(settings, localDomains, keys, tls, verifier, stanzas, MoreExecutors.directExecutor());
    }
}
