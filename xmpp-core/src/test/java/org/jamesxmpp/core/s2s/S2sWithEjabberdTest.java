package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.EjabberdPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

class S2sWithEjabberdTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final String LOCAL_ADDRESS = "127.0.50.3";
    static final String PEER_DOMAIN = "ejabberd.test";
    static final String PEER_ADDRESS = "127.0.50.2";
    static final int BURST = 300;

    EjabberdPeer ejabberd;
    S2sServer testee;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        ejabberd = EjabberdPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .user("alice", "secret")
            .start();
    }

    /**
     * ejabberd 23.01 does not do XEP-0198 on s2s and silently drops an unadvertised
     * {@code <enable/>}, so with stream management on every new outgoing stream waits one
     * response timeout first: the tests turn it off except the one that pins that behaviour.
     */
    private void startTestee(boolean streamManagement, Duration responseTimeout) {
        S2sSettings settings = S2sSettings.builder()
            .bind(new InetSocketAddress(LOCAL_ADDRESS, 5269))
            .route(new StaticRoute(PEER_DOMAIN, PEER_ADDRESS, 5269))
            .responseTimeout(responseTimeout)
            .streamManagement(streamManagement)
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

    private void startTestee() {
        startTestee(false, Duration.ofSeconds(10));
    }

    @AfterEach
    void tearDown() {
        Optional.ofNullable(testee).ifPresent(S2sServer::stop);
        ejabberd.close();
    }

    @Test
    void handlerShouldReceiveMessageFromEjabberdUserWhenDialbackSucceeds() throws Exception {
        startTestee();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
            alice.sendMessage("bob@" + LOCAL_DOMAIN, "hello bob");

            InboundStanza inbound = received.poll(20, TimeUnit.SECONDS);

            assertThat(inbound).as(ejabberd.log()).isNotNull();
            assertThat(inbound.peerDomain()).isEqualTo(PEER_DOMAIN);
            assertThat(inbound.authMethod()).isEqualTo(AuthMethod.DIALBACK);
            assertThat(inbound.tls()).isFalse();
            assertThat(inbound.stanza().getFrom().asBareJid().toString()).isEqualTo("alice@" + PEER_DOMAIN);
            assertThat(inbound.stanza().getTo().toString()).isEqualTo("bob@" + LOCAL_DOMAIN);
            assertThat(((Message) inbound.stanza()).getBody()).isEqualTo("hello bob");
        }
    }

    @Test
    void ejabberdUserShouldReceiveTheStanzaErrorWhenTheHandlerRefuses() {
        startTestee();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
            Message sent = alice.sendMessage("nobody@" + LOCAL_DOMAIN, "anyone there?");

            Message error = alice.awaitMessages(m -> m.getType() == Message.Type.error, 1, Duration.ofSeconds(20)).get(0);

            assertThat(error.getStanzaId()).isEqualTo(sent.getStanzaId());
            assertThat(error.getFrom().toString()).isEqualTo("nobody@" + LOCAL_DOMAIN);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        }
    }

    @Test
    void sendShouldReachEjabberdUserWhenDialbackSucceeds() throws Exception {
        startTestee();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
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

    @Test
    void sendShouldReachEjabberdUserWhenStreamManagementIsOnAndEjabberdIgnoresEnable() throws Exception {
        startTestee(true, Duration.ofSeconds(3));

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
            Message message = StanzaBuilder.buildMessage("m2")
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from("alice@" + PEER_DOMAIN))
                .ofType(Message.Type.chat)
                .setBody("hello again alice")
                .build();

            testee.send(message).toCompletableFuture().get(20, TimeUnit.SECONDS);

            Message got = alice.awaitMessages(m -> "hello again alice".equals(m.getBody()), 1, Duration.ofSeconds(10)).get(0);
            assertThat(got.getFrom().toString()).isEqualTo("bob@" + LOCAL_DOMAIN);
        }
    }

    private static Message chat(String id, String to, String body) {
        try {
            return StanzaBuilder.buildMessage(id)
                .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
                .to(JidCreate.from(to))
                .ofType(Message.Type.chat)
                .setBody(body)
                .build();
        } catch (XmppStringprepException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void burstShouldBeDeliveredOnEjabberdsAnswersToOurPings() throws Exception {
        startTestee();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> deliveries = IntStream.range(0, BURST)
                .mapToObj(i -> testee.send(chat("b" + i, "alice@" + PEER_DOMAIN, "burst " + i)).toCompletableFuture())
                .toList();

            CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            

            alice.awaitMessages(m -> m.getBody() != null && m.getBody().startsWith("burst "), BURST, Duration.ofSeconds(10));
            assertThat(elapsed).as("no per-stanza grace: %s stanzas confirmed in %s", BURST, elapsed)
                .isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void ejabberdErrorForOneRecipientShouldFailOnlyThatRecipientsSendWhenTheyShareTheStanzaId() throws Exception {
        startTestee();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, ejabberd.c2sAddress(), "alice", "secret")) {
            CompletableFuture<Void> refused = testee.send(chat("mail-1@james.test", "nobody@" + PEER_DOMAIN, "one mail"))
                .toCompletableFuture();
            CompletableFuture<Void> accepted = testee.send(chat("mail-1@james.test", "alice@" + PEER_DOMAIN, "one mail"))
                .toCompletableFuture();

            assertThat(accepted.handle((any, error) -> error).get(20, TimeUnit.SECONDS)).as(ejabberd.log()).isNull();
            assertThat(refused.handle((any, error) -> error).get(20, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(DeliveryException.class,
                    error -> assertThat(error.reason()).isEqualTo(DeliveryException.Reason.STANZA_ERROR));
            alice.awaitMessages(m -> "one mail".equals(m.getBody()), 1, Duration.ofSeconds(10));
        }
    }
}
