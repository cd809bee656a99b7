package org.jamesxmpp.core.s2s.outbound;

/**
 * Sends a dialback {@code db:result} for one more local domain over an already authenticated
 * outgoing stream (XEP-0220 multiplexing); the answer comes back through
 * {@link OutboundStreamListener#piggybackAnswered(String, boolean)}.
 */
@FunctionalInterface
public interface PiggybackAuthenticator {
    void requestAuthentication(String localDomain);
}
