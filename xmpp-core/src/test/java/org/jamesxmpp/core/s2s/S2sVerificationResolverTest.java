package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.RawS2sStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every db:result a peer sends makes us resolve the claimed domain's server: those lookups run on threads of their
 * own, so that claims (which anyone can make) cannot hold the threads outgoing mail resolves its routes on.
 */
class S2sVerificationResolverTest {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.90.5", 5269);
    static final InetSocketAddress AUTHORITATIVE = new InetSocketAddress("127.0.90.6", 5269);

    S2sServer testee = new S2sServer(S2sSettings.builder()
        .bind(LOCAL)
        .route(new StaticRoute("b.test", AUTHORITATIVE.getHostString(), AUTHORITATIVE.getPort()))
        .build(), LocalDomains.of("james.test"), stanza -> CompletableFuture.completedFuture(null),
        new MemoryDialbackSecretStore(), Clock.systemUTC());

    @AfterEach
    void tearDown() {
        testee.stop();
    }

    @Test
    void verificationShouldResolveOnItsOwnThreadsNotOnTheDeliveryResolvers() throws Exception {
        testee.start();
        try (ServerSocket authoritative = new ServerSocket(AUTHORITATIVE.getPort(), 10, AUTHORITATIVE.getAddress());
             RawS2sStream stream = RawS2sStream.connect(LOCAL)) {
            stream.send(RawS2sStream.streamHeader("b.test", "james.test")).streamId();
            stream.send("<db:result from='b.test' to='james.test'>key</db:result>");

            try (Socket verification = authoritative.accept()) {
                assertThat(verification.isConnected()).isTrue();
            }
        }

        assertThat(Thread.getAllStackTraces().keySet())
            .anySatisfy(thread -> assertThat(thread.getName()).startsWith("xmpp-s2s-verify-resolver-"));
    }
}
