package org.jamesxmpp.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.core.store.MemoryDomainCapabilityStore;
import org.jamesxmpp.mailets.remote.delivery.DeliveryMetrics;
import org.jamesxmpp.mailets.remote.delivery.DsnComposer;
import org.jamesxmpp.mailets.remote.delivery.DsnParts;
import org.jamesxmpp.mailets.remote.delivery.FailureRoute;
import org.jamesxmpp.mailets.remote.delivery.XmppDeliveryAttributes;
import org.jamesxmpp.mailets.remote.delivery.XmppRemoteDeliveryConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;

/** The mailet against a second s2s engine standing in for the peer, over loopback (127.0.40.x). */
class XmppRemoteDeliveryTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.40.3", 5269);
    static final String PEER_DOMAIN = "peer.test";
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.40.4", 5269);
    static final String CLOSED_DOMAIN = "closed.test";
    static final InetSocketAddress CLOSED = new InetSocketAddress("127.0.40.6", 5269);

    S2sServer s2sServer;
    S2sServer peer;
    BlockingQueue<InboundStanza> peerReceived = new LinkedBlockingQueue<>();
    MemoryMailQueueFactory queueFactory;
    FakeMailContext mailetContext;
    RecordingMetricFactory metricFactory;
    XmppRemoteDelivery testee;

    @BeforeEach
    void setUp() throws Exception {
        queueFactory = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), Clock.systemUTC());
        mailetContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@james.test")).build();
        metricFactory = new RecordingMetricFactory();
        s2sServer = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .route(new StaticRoute(PEER_DOMAIN, PEER.getHostString(), PEER.getPort()))
            .route(new StaticRoute(CLOSED_DOMAIN, CLOSED.getHostString(), CLOSED.getPort()))
            .connectTimeout(Duration.ofSeconds(2))
            .responseTimeout(Duration.ofSeconds(5))
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), Clock.systemUTC());
        s2sServer.start();
        peer = new S2sServer(S2sSettings.builder()
            .bind(PEER)
            .route(new StaticRoute(LOCAL_DOMAIN, LOCAL.getHostString(), LOCAL.getPort()))
            .build(), LocalDomains.of(PEER_DOMAIN), stanza -> {
                peerReceived.add(stanza);
                return stanza.stanza().getTo().toString().startsWith("nobody@")
                    ? CompletableFuture.failedFuture(new StanzaErrorException(StanzaError.Condition.item_not_found,
                        StanzaError.Type.CANCEL))
                    : CompletableFuture.completedFuture(null);
            }, new MemoryDialbackSecretStore(), Clock.systemUTC());
        peer.start();
    }

    @AfterEach
    void tearDown() {
        try {
            Optional.ofNullable(testee).ifPresent(XmppRemoteDelivery::destroy);
        } finally {
            Optional.ofNullable(s2sServer).ifPresent(S2sServer::stop);
            Optional.ofNullable(peer).ifPresent(S2sServer::stop);
        }
    }

    XmppRemoteDelivery testee(XmppRemoteDelivery.ThreadState threads, FakeMailetConfig.Builder config) throws Exception {
        XmppRemoteDelivery mailet = new XmppRemoteDelivery(queueFactory, metricFactory, s2sServer, MappingOptions.defaults(),
            DeliveryLimits.defaults(), new MemoryDomainCapabilityStore(DeliveryLimits.DEFAULT_MULTICAST_DISCOVERY_DOMAINS,
                Clock.systemUTC()), Clock.systemUTC(), threads);
        mailet.init(config.mailetName("XmppRemoteDelivery").mailetContext(mailetContext).build());
        testee = mailet;
        return testee;
    }

    static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder()
            .setProperty("delayTime", "1 minute")
            .setProperty("maxRetries", "1");
    }

    static FakeMail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("m1")
            .sender("bob@" + LOCAL_DOMAIN)
            .recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("Message-ID", "<m1@james.test>")
                .setSubject("Lunch?")
                .setText("Shall we meet at noon?"))
            .build();
    }

    ManageableMailQueue spool() {
        return queueFactory.createQueue(MailQueueFactory.SPOOL);
    }

    ManageableMailQueue outgoing() {
        return queueFactory.getQueue(XmppRemoteDeliveryConfiguration.DEFAULT_OUTGOING_QUEUE).orElseThrow();
    }

    @Test
    void serviceShouldEnqueueOneMailPerDomainAndGhostTheMail() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config());
        FakeMail mail = mail("alice@peer.test", "carol@peer.test", "dave@closed.test");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        List<Mail> queued = ImmutableList.copyOf(outgoing().browse()).stream()
            .map(ManageableMailQueue.MailQueueItemView::getMail)
            .collect(ImmutableList.toImmutableList());
        assertThat(queued).extracting(Mail::getName).containsExactlyInAnyOrder("m1-to-peer.test", "m1-to-closed.test");
        assertThat(queued).filteredOn(queuedMail -> queuedMail.getName().endsWith(PEER_DOMAIN)).singleElement()
            .satisfies(queuedMail -> assertThat(queuedMail.getRecipients())
                .containsExactly(new MailAddress("alice@peer.test"), new MailAddress("carol@peer.test")));
    }

    @Test
    void serviceShouldBounceAtOnceARecipientInTheDomainTheMailCameFrom() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config());
        FakeMail mail = mail("alice@peer.test");
        mail.setAttribute(new Attribute(XmppMailAttributes.AUTHENTICATED_PEER, AttributeValue.of(PEER_DOMAIN)));

        testee.service(mail);

        assertThat(outgoing().getSize()).isZero();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(mailetContext.getSentMails()).singleElement()
            .satisfies(dsn -> assertThat(dsn.getSubject()).contains(DsnComposer.SUBJECT));
    }

    @Test
    void serviceShouldLetALoopingRecipientContinueWhenFallbackIsSmtp() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config().setProperty("fallback", "smtp"));
        FakeMail mail = mail("alice@peer.test", "dave@closed.test");
        mail.setAttribute(new Attribute(XmppMailAttributes.AUTHENTICATED_PEER, AttributeValue.of(PEER_DOMAIN)));

        testee.service(mail);

        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@peer.test"));
        assertThat(XmppDeliveryAttributes.isFallenBack(mail)).isTrue();
        assertThat(outgoing().getSize()).isEqualTo(1);
    }

    @Test
    void mailShouldReachThePeerAsAStanzaFromTheSender() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.START_THREADS, config());

        testee.service(mail("alice@peer.test"));

        InboundStanza received = peerReceived.poll(20, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        Message message = (Message) received.stanza();
        assertThat(message.getFrom().toString()).isEqualTo("bob@james.test");
        assertThat(message.getTo().toString()).isEqualTo("alice@peer.test");
        assertThat(message.getSubject()).isEqualTo("Lunch?");
        assertThat(message.getBody()).contains("Shall we meet at noon?");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(metricFactory.countFor(DeliveryMetrics.SENT)).isEqualTo(1));
        assertThat(mailetContext.getSentMails()).isEmpty();
    }

    @Test
    void unknownRecipientShouldProduceExactlyOneDsnToTheSender() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.START_THREADS, config());

        testee.service(mail("nobody@peer.test"));

        // The peer's error may overtake its acknowledgement (the send fails) or follow it (a late error): one route,
        // one DSN either way, through the mailet context
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailetContext.getSentMails()).hasSize(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(mailetContext.getSentMails()).hasSize(1));
        assertThat(spool().getSize()).isZero();
        MimeMessage dsn = mailetContext.getSentMails().get(0).getMsg();
        assertThat(dsn.getHeader("To", ",")).isEqualTo("bob@james.test");
        assertThat(DsnParts.deliveryStatus(dsn))
            .contains("Final-Recipient: rfc822; nobody@peer.test")
            .contains("Status: 5.1.1")
            .contains("item-not-found");
        assertThat(metricFactory.countFor(DeliveryMetrics.BOUNCED)).isEqualTo(1);
    }

    @Test
    void unknownRecipientShouldBeBouncedAloneWhenAnotherRecipientAtThePeerSharesTheStanzaId() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.START_THREADS, config());

        testee.service(mail("nobody@peer.test", "alice@peer.test"));

        // nobody's error may overtake the acknowledgement (its send fails) or follow it (a late error): one DSN either way
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailetContext.getSentMails()).hasSize(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(mailetContext.getSentMails()).hasSize(1));
        MimeMessage dsn = mailetContext.getSentMails().get(0).getMsg();
        assertThat(DsnParts.deliveryStatus(dsn))
            .contains("Final-Recipient: rfc822; nobody@peer.test")
            .doesNotContain("alice@peer.test");
        assertThat(peerReceived).extracting(inbound -> inbound.stanza().getTo().toString())
            .containsExactlyInAnyOrder("nobody@peer.test", "alice@peer.test");
        assertThat(outgoing().getSize()).as("nobody waits for a retry").isZero();
    }

    /** Delivers a mail to late@peer.test, then has the peer return an error for it after its acknowledgement. */
    void deliverThenReturnALateError() throws Exception {
        testee.service(mail("late@peer.test"));
        InboundStanza received = peerReceived.poll(20, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(metricFactory.countFor(DeliveryMetrics.SENT)).isEqualTo(1));
        Message error = StanzaBuilder.buildMessage(received.stanza().getStanzaId())
            .from(JidCreate.from("late@peer.test"))
            .to(JidCreate.from("bob@james.test"))
            .ofType(Message.Type.error)
            .setError(StanzaError.getBuilder(StanzaError.Condition.service_unavailable).setType(StanzaError.Type.CANCEL).build())
            .build();
        peer.send(error).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void lateErrorShouldGoThroughTheBounceProcessorWhenOneIsConfigured() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.START_THREADS, config().setProperty("bounceProcessor", "bounces"));

        deliverThenReturnALateError();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailetContext.getSentMails()).singleElement()
            .satisfies(failed -> {
                assertThat(failed.getState()).isEqualTo("bounces");
                assertThat(failed.getRecipients()).containsExactly(new MailAddress("late@peer.test"));
                assertThat(failed.getAttributes().get(FailureRoute.DELIVERY_ERROR).getValue().value().toString())
                    .contains("late@peer.test").contains("service-unavailable");
            }));
        assertThat(spool().getSize()).isZero();
    }

    @Test
    void lateErrorShouldFallBackToSmtpWithTheWholeMailWhenFallbackIsSmtp() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.START_THREADS, config().setProperty("fallback", "smtp"));

        deliverThenReturnALateError();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailetContext.getSentMails()).singleElement()
            .satisfies(fallback -> {
                assertThat(fallback.getState()).isEqualTo("relay");
                assertThat(fallback.getRecipients()).containsExactly(new MailAddress("late@peer.test"));
                assertThat(fallback.getMsg().getContent().toString()).contains("Shall we meet at noon?");
            }));
        assertThat(metricFactory.countFor(DeliveryMetrics.FALLEN_BACK)).isEqualTo(1);
        assertThat(spool().getSize()).isZero();
    }

    @Test
    void aRecipientWithoutJidFormShouldFailAloneWhileTheOthersAreDelivered() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config());
        String tooLong = "a".repeat(1100) + "@" + PEER_DOMAIN;
        testee.service(mail("alice@peer.test", tooLong));

        processOneQueuedMail();

        InboundStanza received = peerReceived.poll(20, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.stanza().getTo().toString()).isEqualTo("alice@peer.test");
        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn ->
            assertThat(DsnParts.deliveryStatus(dsn.getMsg()))
                .contains("Final-Recipient: rfc822; " + tooLong)
                .contains("Status: 5.1.3")
                .doesNotContain("alice@peer.test"));
        assertThat(metricFactory.countFor(DeliveryMetrics.SENT)).isEqualTo(1);
    }

    @Test
    void unreachablePeerShouldBeRetriedLater() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config());
        testee.service(mail("dave@closed.test"));

        processOneQueuedMail();

        ManageableMailQueue.MailQueueItemView retried = outgoing().browse().next();
        assertThat(XmppDeliveryAttributes.retries(retried.getMail())).isEqualTo(1);
        assertThat(retried.getMail().getRecipients()).containsExactly(new MailAddress("dave@closed.test"));
        assertThat(metricFactory.countFor(DeliveryMetrics.RETRIED)).isEqualTo(1);
        assertThat(mailetContext.getSentMails()).isEmpty();
    }

    @Test
    void unreachablePeerShouldBeBouncedAfterTheLastRetry() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, FakeMailetConfig.builder().setProperty("maxRetries", "0"));
        testee.service(mail("dave@closed.test"));

        processOneQueuedMail();

        assertThat(outgoing().getSize()).isZero();
        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn -> {
            assertThat(dsn.getSender()).isNull();
            assertThat(dsn.getRecipients()).containsExactly(new MailAddress("bob@james.test"));
        });
    }

    @Test
    void unreachablePeerShouldFallBackToSmtpAfterTheLastRetryWhenConfigured() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, FakeMailetConfig.builder().setProperty("maxRetries", "0")
            .setProperty("fallback", "smtp"));
        testee.service(mail("dave@closed.test"));

        processOneQueuedMail();

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(fallback -> {
            assertThat(fallback.getState()).isEqualTo("relay");
            assertThat(fallback.getRecipients()).containsExactly(new MailAddress("dave@closed.test"));
        });
        assertThat(metricFactory.countFor(DeliveryMetrics.FALLEN_BACK)).isEqualTo(1);
    }

    @Test
    void initShouldFailNamingAnUnknownParameter() {
        assertThatThrownBy(() -> testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config().setProperty("maxRetrys", "3")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("maxRetrys");
    }

    @Test
    void initShouldFailNamingParameterAndValueWhenAValueIsBad() {
        assertThatThrownBy(() -> testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config().setProperty("fallback", "fax")))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'fallback'")
            .hasMessageContaining("'fax'");
    }

    @Test
    void requiredProcessingStateShouldNameFallbackAndBounceProcessors() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config().setProperty("bounceProcessor", "bounces")
            .setProperty("fallback", "smtp"));

        assertThat(testee.requiredProcessingState()).extracting(ProcessingState::getValue)
            .containsExactlyInAnyOrder("bounces", "relay");
    }

    @Test
    void requiredProcessingStateShouldNotNameTheFallbackProcessorWhenFailuresBounce() throws Exception {
        testee(XmppRemoteDelivery.ThreadState.DO_NOT_START_THREADS, config());

        assertThat(testee.requiredProcessingState()).isEmpty();
    }

    private void processOneQueuedMail() {
        MailQueue.MailQueueItem item = Flux.from(outgoing().deQueue()).blockFirst(Duration.ofSeconds(5));
        testee.deliveryRunnable().process(item).block(Duration.ofSeconds(20));
    }
}
