package org.jamesxmpp.core.s2s.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;

import io.netty.channel.EventLoopGroup;

/** Asks the authoritative server of a domain whether a dialback key is its own, over a new connection. */
public class RemoteDialbackVerifier implements DialbackVerifier {
    private final EventLoopGroup group;
    private final OutboundConnector connector;

    public RemoteDialbackVerifier(EventLoopGroup group, OutboundConnector connector) {
        this.group = group;
        this.connector = connector;
    }

    @Override
    public CompletionStage<DialbackOutcome> verify(String receivingDomain, String originatingDomain, String streamId,
                                                   String key) {
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        DialbackVerification verification = new DialbackVerification(new DomainPair(receivingDomain, originatingDomain),
            streamId, key, outcome);
        connector.verify(verification, group.next());
        return outcome;
    }
}
