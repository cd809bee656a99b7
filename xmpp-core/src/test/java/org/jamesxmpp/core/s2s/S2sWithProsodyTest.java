package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class S2sWithProsodyTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final String LOCAL_ADDRESS = "127.0.10.3";
    static final String PEER_DOMAIN = "a.test";
    static final String PEER_ADDRESS = "127.0.10.2";

    ProsodyPeer prosody;
    S2sServer testee;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .user("alice", "secret")
            .start();
        S2sSettings settings = S2sSettings.builder()
            .bind(new InetSocketAddress(LOCAL_ADDRESS, 5269))
            .route(new StaticRoute(PEER_DOMAIN, PEER_ADDRESS, 5269))
            .responseTimeout(Duration.ofSeconds(10))
            .build();
        testee = new S2sServer(settings, LocalDomains.of(LOCAL_DOMAIN), stanza -> {
            received.add(stanza);
            if (stanza.stanza().getTo().toString().startsWith("nobody@")) {
                return CompletableFuture.failedFuture(new StanzaErrorException(StanzaError.Condition.service_unavailable,
                    StanzaError.Type.CANCEL));
            }
            return CompletableFuture.completedFuture(null);
        }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
    }

    @AfterEach
    void tearDown() {
        testee.stop();
        prosody.close();
    }

    @Test
    void handlerShouldReceiveMessageFromProsodyUserWhenDialbackSucceeds() throws Exception {
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            alice.sendMessage("bob@" + LOCAL_DOMAIN, "hello bob");

            InboundStanza inbound = received.poll(20, TimeUnit.SECONDS);

            assertThat(inbound).as(prosody.log()).isNotNull();
            assertThat(inbound.peerDomain()).isEqualTo(PEER_DOMAIN);
            assertThat(inbound.authMethod()).isEqualTo(AuthMethod.DIALBACK);
            assertThat(inbound.tls()).isFalse();
            assertThat(inbound.stanza().getFrom().asBareJid().toString()).isEqualTo("alice@" + PEER_DOMAIN);
            assertThat(inbound.stanza().getTo().toString()).isEqualTo("bob@" + LOCAL_DOMAIN);
            assertThat(((Message) inbound.stanza()).getBody()).isEqualTo("hello bob");
        }
    }

    @Test
    void prosodyUserShouldReceiveTheStanzaErrorWhenTheHandlerRefuses() {
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            Message sent = alice.sendMessage("nobody@" + LOCAL_DOMAIN, "anyone there?");

            Message error = alice.awaitMessages(m -> m.getType() == Message.Type.error, 1, Duration.ofSeconds(20)).get(0);

            assertThat(error.getStanzaId()).isEqualTo(sent.getStanzaId());
            assertThat(error.getFrom().toString()).isEqualTo("nobody@" + LOCAL_DOMAIN);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        }
    }

    @Test
    void sendShouldReachProsodyUserWhenDialbackSucceeds() throws Exception {
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            Message message = StanzaBuilder.buildMessage("m1")
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from("alice@" + PEER_DOMAIN))
                .ofType(Message.Type.chat)
                .setBody("hello alice")
                .build();

            testee.send(message).toCompletableFuture().get(20, TimeUnit.SECONDS);

            Message got = alice.awaitMessages(m -> "hello alice".equals(m.getBody()), 1, Duration.ofSeconds(10)).get(0);
            assertThat(got.getFrom().toString()).isEqualTo("bob@" + LOCAL_DOMAIN);
        }
    }
}
