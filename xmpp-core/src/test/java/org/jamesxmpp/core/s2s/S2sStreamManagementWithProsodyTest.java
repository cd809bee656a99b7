package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

class S2sStreamManagementWithProsodyTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final String LOCAL_ADDRESS = "127.0.12.3";
    static final String PEER_DOMAIN = "a.test";
    static final String PEER_ADDRESS = "127.0.12.2";
    static final int BURST = 100;

    ProsodyPeer prosody;
    S2sServer testee;
    BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() {
        if (testee != null) {
            testee.stop();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    private void startServer(boolean streamManagement) {
        S2sSettings settings = S2sSettings.builder()
            .bind(new InetSocketAddress(LOCAL_ADDRESS, 5269))
            .route(new StaticRoute(PEER_DOMAIN, PEER_ADDRESS, 5269))
            .responseTimeout(Duration.ofSeconds(10))
            .streamManagement(streamManagement)
            .build();
        testee = new S2sServer(settings, LocalDomains.of(LOCAL_DOMAIN), stanza -> {
            received.add(stanza);
            return CompletableFuture.completedFuture(null);
        }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
    }

    private static Message message(String id, String body) throws XmppStringprepException {
        return StanzaBuilder.buildMessage(id)
            .from(JidCreate.from("bob@" + LOCAL_DOMAIN))
            .to(JidCreate.from("alice@" + PEER_DOMAIN))
            .setBody(body)
            .build();
    }

    @Test
    void everyStanzaShouldBeReportedDeliveredOnlyWhenProsodyGotItWhenProsodyIsKilledMidBurst() throws Exception {
        killProsodyMidBurst(true);
    }

    @Test
    void everyStanzaShouldBeReportedDeliveredOnlyWhenProsodyAnsweredAPingAfterItWhenProsodyWithoutStreamManagementIsKilled()
        throws Exception {
        killProsodyMidBurst(false);
    }

    private void killProsodyMidBurst(boolean streamManagement) throws Exception {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .user("alice", "secret")
            .smacks(streamManagement)
            .module("limits")
            .config("limits = { s2sin = { rate = \"2kb/s\", burst = \"1s\" } }")
            .start();
        startServer(streamManagement);
        testee.send(message("warmup", "warmup")).toCompletableFuture().get(20, TimeUnit.SECONDS);

        List<CompletableFuture<Void>> deliveries = IntStream.range(0, BURST)
            .mapToObj(i -> testee.send(uncheckedMessage("m" + i, "burst " + i)).toCompletableFuture())
            .toList();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> deliveries.stream().filter(delivery -> delivery.isDone() && !delivery.isCompletedExceptionally()).count() >= 10);
        prosody.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.stream().allMatch(CompletableFuture::isDone));

        Set<String> reportedDelivered = IntStream.range(0, BURST)
            .filter(i -> !deliveries.get(i).isCompletedExceptionally())
            .mapToObj(i -> "burst " + i)
            .collect(Collectors.toSet());
        List<Throwable> failures = deliveries.stream()
            .filter(CompletableFuture::isCompletedExceptionally)
            .map(delivery -> delivery.handle((any, error) -> error).join())
            .toList();
        assertThat(failures).as("the peer was killed mid-burst: some stanzas cannot have been acknowledged").isNotEmpty();
        assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(DeliveryException.class));

        prosody.restart();
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            alice.awaitMessages(m -> m.getBody() != null && m.getBody().startsWith("burst "),
                reportedDelivered.size(), Duration.ofSeconds(10));
            Set<String> stored = alice.received().stream()
                .map(Message::getBody)
                .filter(body -> body != null && body.startsWith("burst "))
                .collect(Collectors.toSet());
            assertThat(stored).containsAll(reportedDelivered);
        }
    }

    private static Message uncheckedMessage(String id, String body) {
        try {
            return message(id, body);
        } catch (XmppStringprepException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void burstFromProsodyShouldReachTheHandlerOnceEachWhenTheHandlerFinishesOutOfOrder() throws Exception {
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
            long delay = Math.abs(stanza.stanza().getStanzaId().hashCode() % 50);
            return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            IntStream.range(0, 50).forEach(i -> alice.sendMessage("bob@" + LOCAL_DOMAIN, "inbound " + i));

            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 50);
        }

        assertThat(received.stream().map(inbound -> ((Message) inbound.stanza()).getBody()))
            .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> "inbound " + i).toList());
    }

    @Test
    void messagesShouldFlowBothWaysWhenProsodyHasNoStreamManagement() throws Exception {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .user("alice", "secret")
            .smacks(false)
            .start();
        startServer(true);
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            testee.send(message("m1", "hello alice")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            alice.awaitMessages(m -> "hello alice".equals(m.getBody()), 1, Duration.ofSeconds(10));

            alice.sendMessage("bob@" + LOCAL_DOMAIN, "hello bob");
            InboundStanza inbound = received.poll(20, TimeUnit.SECONDS);

            assertThat(inbound).as(prosody.log()).isNotNull();
            assertThat(((Message) inbound.stanza()).getBody()).isEqualTo("hello bob");
        }
    }
}
