package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

/** What every client stream of one listener shares. */
record C2sContext(C2sSettings settings, LocalDomains localDomains, Optional<TlsContexts> tls,
                  ClientAuthenticator authenticator, ClientStanzaRouter router, SessionRegistry sessions) {
}
