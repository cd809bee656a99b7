package org.jamesxmpp.core.s2s.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;

import io.netty.channel.EventLoopGroup;

/** Asks the authoritative server of a domain whether a dialback key is its own, over a new connection. */
public class DialbackVerifier {
    private final EventLoopGroup group;
    private final OutboundConnector connector;

    public DialbackVerifier(EventLoopGroup group, OutboundConnector connector) {
        this.group = group;
        this.connector = connector;
    }

    /**
     * @param receivingDomain our domain, to which the peer claims to be {@code originatingDomain}
     * @param streamId the id of our incoming stream on which the key was given
     */
    public CompletionStage<DialbackOutcome> verify(String receivingDomain, String originatingDomain, String streamId,
                                                   String key) {
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        DialbackVerification verification = new DialbackVerification(new DomainPair(receivingDomain, originatingDomain),
            streamId, key, outcome);
        connector.connect(verification, group.next());
        return outcome;
    }
}
