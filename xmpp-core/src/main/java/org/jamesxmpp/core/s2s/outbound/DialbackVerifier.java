package org.jamesxmpp.core.s2s.outbound;

import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;

/** Tells whether a dialback key given on one of our incoming streams comes from the domain it claims. */
@FunctionalInterface
public interface DialbackVerifier {
    /**
     * @param receivingDomain our domain, to which the peer claims to be {@code originatingDomain}
     * @param streamId the id of our incoming stream on which the key was given
     */
    CompletionStage<DialbackOutcome> verify(String receivingDomain, String originatingDomain, String streamId, String key);
}
