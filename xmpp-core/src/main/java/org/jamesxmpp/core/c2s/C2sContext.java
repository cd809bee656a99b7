package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.concurrent.Executor;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

/**
 * What every client stream of one listener shares.
 *
 * @param domainLookups where {@code localDomains} is asked, off the event loops
 */
record C2sContext(C2sSettings settings, LocalDomains localDomains, Optional<TlsContexts> tls,
                  ClientAuthenticator authenticator, ClientStanzaRouter router, SessionRegistry sessions,
                  Executor domainLookups) {
    /** Domain lookups on the caller's thread: for domain lists that never block (tests). */
    C2sContext(C2sSettings settings, LocalDomains localDomains, Optional<TlsContexts> tls,
               ClientAuthenticator authenticator, ClientStanzaRouter router, SessionRegistry sessions) {
        this(settings, localDomains, tls, authenticator, router, sessions, Runnable::run);
    }
}
