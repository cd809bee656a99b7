package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.MessagingException;
import javax.mail.internet.ContentType;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

class DeliveryRunnableTest {
    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");
    static final DeliveryFailure NOT_FOUND = new DeliveryFailure(DsnStatus.permanent(1, 1), "item-not-found (cancel)");
    static final String SILENT_PEER_ADDRESS = "127.0.125.1";
    static final DeliveryFailure TIMEOUT = new DeliveryFailure(DsnStatus.transientFailure(4, 1), "remote-server-timeout");

    MailAddress alice;
    MailAddress carol;
    MailAddress dave;
    Clock clock;
    ManageableMailQueue queue;
    FakeMailContext mailetContext;
    RecordingMetricFactory metricFactory;
    S2sServer s2sServer;

    @BeforeEach
    void setUp() throws Exception {
        alice = new MailAddress("alice@a.test");
        carol = new MailAddress("carol@a.test");
        dave = new MailAddress("dave@a.test");
        clock = Clock.fixed(NOW, ZoneOffset.UTC);
        queue = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock)
            .createQueue(MailQueueName.of("outgoing-xmpp"));
        mailetContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@james.test")).build();
        metricFactory = new RecordingMetricFactory();
        s2sServer = new S2sServer(S2sSettings.builder().build(), LocalDomains.of("james.test"),
            stanza -> { throw new IllegalStateException("nothing comes in here"); }, new MemoryDialbackSecretStore(), clock);
    }

    @AfterEach
    void tearDown() {
        s2sServer.stop();
    }

    DeliveryRunnable testee(FakeMailetConfig.Builder config) throws Exception {
        XmppRemoteDeliveryConfiguration configuration = XmppRemoteDeliveryConfiguration.parse(config
            .mailetName("XmppRemoteDelivery")
            .build());
        DeliveryMetrics metrics = new DeliveryMetrics(metricFactory);
        return new DeliveryRunnable(queue, configuration, new XmppDelivrer(s2sServer, new LateFailures(queue), MappingOptions.defaults()),
            new FailureRoute(configuration, mailetContext, new DsnComposer(clock), metrics), metrics, clock);
    }

    static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder()
            .setProperty("delayTime", "1 minute, 10 minutes")
            .setProperty("maxRetries", "2");
    }

    FakeMail mail(MailAddress... recipients) throws Exception {
        return FakeMail.builder().name("m1")
            .sender("bob@james.test")
            .recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("hi"))
            .build();
    }

    @Test
    void handleShouldOnlyCountWhenEveryRecipientWasDelivered() throws Exception {
        testee(config()).handle(mail(alice, carol), new DeliveryOutcome(ImmutableMap.of(
            alice, ExecutionResult.success(), carol, ExecutionResult.success())));

        assertThat(queue.getSize()).isZero();
        assertThat(mailetContext.getSentMails()).isEmpty();
        assertThat(metricFactory.countFor(DeliveryMetrics.SENT)).isEqualTo(2);
    }

    @Test
    void handleShouldReEnqueueTemporaryFailuresWithTheFirstDelay() throws Exception {
        testee(config()).handle(mail(alice, carol), new DeliveryOutcome(ImmutableMap.of(
            alice, ExecutionResult.success(), carol, ExecutionResult.temporaryFailure(TIMEOUT))));

        List<ManageableMailQueue.MailQueueItemView> queued = ImmutableList.copyOf(queue.browse());
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).getMail().getRecipients()).containsExactly(carol);
        assertThat(XmppDeliveryAttributes.retries(queued.get(0).getMail())).isEqualTo(1);
        assertThat(queued.get(0).getNextDelivery()).hasValueSatisfying(next ->
            assertThat(next.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(1))));
        assertThat(mailetContext.getSentMails()).isEmpty();
        assertThat(metricFactory.countFor(DeliveryMetrics.RETRIED)).isEqualTo(1);
    }

    @Test
    void peerTextOfAFailureShouldBeLoggedWithoutLineBreaks() throws Exception {
        DeliveryFailure forged = new DeliveryFailure(DsnStatus.transientFailure(4, 1),
            "remote-server-timeout (wait): x\r\n20:00:00.000 INFO  o.j.m.r.d.DeliveryRunnable - Delivered mail m1");
        List<String> messages;
        try (LogCapture logs = LogCapture.of("org.jamesxmpp.mailets")) {
            testee(config()).handle(mail(alice), new DeliveryOutcome(ImmutableMap.of(alice, ExecutionResult.temporaryFailure(forged))));
            messages = logs.messages();
        }

        assertThat(messages).anySatisfy(message -> assertThat(message).contains("x\\r\\n20:00:00.000 INFO"));
        assertThat(messages).allSatisfy(message -> assertThat(message).doesNotContain("\n", "\r"));
    }

    @Test
    void handleShouldUseTheDelayOfTheNextRetry() throws Exception {
        FakeMail mail = mail(carol);
        XmppDeliveryAttributes.setRetries(mail, 1);

        testee(config()).handle(mail, new DeliveryOutcome(ImmutableMap.of(carol, ExecutionResult.temporaryFailure(TIMEOUT))));

        ManageableMailQueue.MailQueueItemView queued = queue.browse().next();
        assertThat(XmppDeliveryAttributes.retries(queued.getMail())).isEqualTo(2);
        assertThat(queued.getNextDelivery()).hasValueSatisfying(next ->
            assertThat(next.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    void retryShouldWaitUntilThePeerIsTriedAgainWhenTheEngineRefusedToConnectWithoutTrying() throws Exception {
        DeliveryFailure refused = DeliveryStatusMapping.forDeliveryException(DeliveryException.notTriedBefore(
            DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND, "not trying a.test again", NOW.plus(Duration.ofMinutes(3))));

        testee(config()).handle(mail(carol), new DeliveryOutcome(ImmutableMap.of(carol, ExecutionResult.temporaryFailure(refused))));

        ManageableMailQueue.MailQueueItemView queued = queue.browse().next();
        assertThat(XmppDeliveryAttributes.retries(queued.getMail())).isEqualTo(1);
        assertThat(queued.getNextDelivery()).hasValueSatisfying(next ->
            assertThat(next.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(3))));
    }

    @Test
    void retryShouldKeepItsDelayWhenThePeerIsTriedAgainSooner() throws Exception {
        DeliveryFailure refused = DeliveryStatusMapping.forDeliveryException(DeliveryException.notTriedBefore(
            DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND, "not trying a.test again", NOW.plus(Duration.ofSeconds(5))));

        testee(config()).handle(mail(carol), new DeliveryOutcome(ImmutableMap.of(carol, ExecutionResult.temporaryFailure(refused))));

        assertThat(queue.browse().next().getNextDelivery()).hasValueSatisfying(next ->
            assertThat(next.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(1))));
    }

    @Test
    void handleShouldBounceWhenTheLastRetryFailed() throws Exception {
        FakeMail mail = mail(carol);
        XmppDeliveryAttributes.setRetries(mail, 2);

        testee(config()).handle(mail, new DeliveryOutcome(ImmutableMap.of(carol, ExecutionResult.temporaryFailure(TIMEOUT))));

        assertThat(queue.getSize()).isZero();
        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn -> {
            assertThat(dsn.getSender()).isNull();
            assertThat(dsn.getRecipients()).containsExactly(new MailAddress("bob@james.test"));
            assertThat(new ContentType(dsn.getMsg().getContentType()).getParameter("report-type")).isEqualTo("delivery-status");
        });
        assertThat(metricFactory.countFor(DeliveryMetrics.BOUNCED)).isEqualTo(1);
    }

    @Test
    void handleShouldBounceAPermanentFailureAtOnce() throws Exception {
        testee(config()).handle(mail(alice, carol), new DeliveryOutcome(ImmutableMap.of(
            alice, ExecutionResult.permanentFailure(NOT_FOUND), carol, ExecutionResult.temporaryFailure(TIMEOUT))));

        assertThat(mailetContext.getSentMails()).singleElement()
            .satisfies(dsn -> assertThat(dsn.getSubject()).contains(DsnComposer.SUBJECT));
        assertThat(queue.browse().next().getMail().getRecipients()).containsExactly(carol);
    }

    @Test
    void handleShouldSendToTheFallbackProcessorWhenFallbackIsSmtp() throws Exception {
        testee(config().setProperty("fallback", "smtp").setProperty("fallbackProcessor", "relay"))
            .handle(mail(alice, carol), new DeliveryOutcome(ImmutableMap.of(
                alice, ExecutionResult.permanentFailure(NOT_FOUND), carol, ExecutionResult.success())));

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(fallback -> {
            assertThat(fallback.getState()).isEqualTo("relay");
            assertThat(fallback.getRecipients()).containsExactly(alice);
            assertThat(fallback.getSender()).isEqualTo(new MailAddress("bob@james.test"));
            assertThat(fallback.getAttributes()).containsKey(XmppDeliveryAttributes.FALLEN_BACK);
        });
        assertThat(metricFactory.countFor(DeliveryMetrics.FALLEN_BACK)).isEqualTo(1);
        assertThat(metricFactory.countFor(DeliveryMetrics.BOUNCED)).isZero();
    }

    @Test
    void handleShouldNotBounceToANullSender() throws Exception {
        FakeMail bounce = FakeMail.builder().name("dsn")
            .recipient(alice)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("report"))
            .build();

        testee(config()).handle(bounce, new DeliveryOutcome(ImmutableMap.of(alice, ExecutionResult.permanentFailure(NOT_FOUND))));

        assertThat(mailetContext.getSentMails()).isEmpty();
        assertThat(metricFactory.countFor(DeliveryMetrics.BOUNCED)).isEqualTo(1);
    }

    @Test
    void handleShouldUseTheBounceProcessorWhenOneIsConfigured() throws Exception {
        testee(config().setProperty("bounceProcessor", "bounces"))
            .handle(mail(alice, dave), new DeliveryOutcome(ImmutableMap.of(
                alice, ExecutionResult.permanentFailure(NOT_FOUND), dave, ExecutionResult.success())));

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(failed -> {
            assertThat(failed.getState()).isEqualTo("bounces");
            assertThat(failed.getRecipients()).containsExactly(alice);
            assertThat(failed.getAttributes().get(FailureRoute.DELIVERY_ERROR).getValue().value())
                .isEqualTo("5.1.1 alice@a.test: item-not-found (cancel)");
        });
    }

    @Test
    void handleShouldNotRetryWhenMaxRetriesIsZero() throws Exception {
        testee(FakeMailetConfig.builder().setProperty("maxRetries", "0"))
            .handle(mail(alice), new DeliveryOutcome(ImmutableMap.of(alice, ExecutionResult.temporaryFailure(TIMEOUT))));

        assertThat(queue.getSize()).isZero();
        assertThat(mailetContext.getSentMails()).hasSize(1);
    }

    /** James's spool refusing what the failure route hands it (a DSN, a fallback): sendMail throws while set. */
    MailetContext refusingWhile(AtomicBoolean refusing) {
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("sendMail") && refusing.get()) {
                    throw new MessagingException("spool refuses");
                }
                try {
                    return method.invoke(mailetContext, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    DeliveryRunnable testee(FakeMailetConfig.Builder config, MailetContext context, MailQueue target) throws Exception {
        XmppRemoteDeliveryConfiguration configuration = XmppRemoteDeliveryConfiguration.parse(config
            .mailetName("XmppRemoteDelivery")
            .build());
        DeliveryMetrics metrics = new DeliveryMetrics(metricFactory);
        return new DeliveryRunnable(target, configuration, new XmppDelivrer(s2sServer, new LateFailures(target),
            MappingOptions.defaults()), new FailureRoute(configuration, context, new DsnComposer(clock), metrics), metrics, clock);
    }

    /** A mail whose peer refuses it for good (a late failure: no network needed). */
    FakeMail refusedMail(MailAddress... recipients) throws Exception {
        FakeMail mail = mail(recipients);
        XmppDeliveryAttributes.setLateFailure(mail, NOT_FOUND, true);
        return mail;
    }

    MailQueue.MailQueueItem enqueueAndTake(Mail mail) throws Exception {
        queue.enQueue(mail);
        return Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(5));
    }

    @Test
    void processShouldQueueTheMailAgainWithoutCountingARetryWhenTheSpoolRefusesTheDsn() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        MailQueue.MailQueueItem item = enqueueAndTake(refusedMail(alice));

        testee(config(), refusingWhile(refusing), queue).process(item).block(Duration.ofSeconds(10));

        ManageableMailQueue.MailQueueItemView queued = queue.browse().next();
        assertThat(queued.getMail().getRecipients()).containsExactly(alice);
        assertThat(XmppDeliveryAttributes.retries(queued.getMail())).isZero();
        assertThat(queued.getNextDelivery()).hasValueSatisfying(next ->
            assertThat(next.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(1))));
        assertThat(mailetContext.getSentMails()).isEmpty();
    }

    @Test
    void processShouldBounceOnceTheSpoolTakesMailAgain() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        DeliveryRunnable testee = testee(config(), refusingWhile(refusing), queue);
        testee.process(enqueueAndTake(refusedMail(alice))).block(Duration.ofSeconds(10));
        refusing.set(false);
        Mail handedBack = MailImpl.duplicate(queue.browse().next().getMail());
        queue.clear();

        testee.process(enqueueAndTake(handedBack)).block(Duration.ofSeconds(10));

        assertThat(queue.getSize()).isZero();
        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn ->
            assertThat(DsnParts.deliveryStatus(dsn.getMsg())).contains("Final-Recipient: rfc822; alice@a.test"));
    }

    @Test
    void processShouldNotAcknowledgeWhenNeitherTheRouteNorTheQueueTakesTheMail() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        MailQueue.MailQueueItem item = enqueueAndTake(refusedMail(alice));
        AtomicReference<MailQueue.MailQueueItem.CompletionStatus> status = new AtomicReference<>();
        MailQueue.MailQueueItem recording = new MailQueue.MailQueueItem() {
            @Override
            public Mail getMail() {
                return item.getMail();
            }

            @Override
            public void done(CompletionStatus completion) throws MailQueue.MailQueueException {
                status.set(completion);
                item.done(completion);
            }
        };

        testee(config(), refusingWhile(refusing), refusingQueue()).process(recording).block(Duration.ofSeconds(10));

        assertThat(status).hasValue(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        assertThat(queue.browse().next().getMail().getRecipients()).as("the memory queue takes a RETRY back")
            .containsExactly(alice);
    }

    @Test
    void processShouldHandBackOnlyTheRecipientsNotSettledYet() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        FakeMail mail = refusedMail(alice, carol);
        MailQueue.MailQueueItem item = enqueueAndTake(mail);

        testee(config(), refusingWhile(refusing), queue).process(item).block(Duration.ofSeconds(10));

        assertThat(queue.browse().next().getMail().getRecipients()).containsExactlyInAnyOrder(alice, carol);
        assertThat(queue.getSize()).isEqualTo(1);
    }

    @Test
    void cancelledAttemptShouldHandTheMailBackToTheQueue() throws Exception {
        FakeMail mail = mail(alice);
        MailQueue.MailQueueItem item = enqueueAndTake(mail);
        DeliveryRunnable testee = new DeliveryRunnable(queue, XmppRemoteDeliveryConfiguration.parse(config()
            .mailetName("XmppRemoteDelivery").build()),
            new XmppDelivrer((stanza, lateErrors) -> new CompletableFuture<>(), new LateFailures(queue), MappingOptions.defaults()),
            new FailureRoute(XmppRemoteDeliveryConfiguration.parse(config().mailetName("XmppRemoteDelivery").build()),
                mailetContext, new DsnComposer(clock), new DeliveryMetrics(metricFactory)),
            new DeliveryMetrics(metricFactory), clock);

        Disposable attempt = testee.process(item).subscribe();
        attempt.dispose();

        assertThat(queue.browse().next().getMail().getRecipients()).containsExactly(alice);
        assertThat(mailetContext.getSentMails()).isEmpty();
    }

    @Test
    void stanzaInFlightWhenTheEngineStopsShouldBeQueuedAgainWithoutUsingUpARetry() throws Exception {
        try (ServerSocket silentPeer = new ServerSocket(0, 50, InetAddress.getByName(SILENT_PEER_ADDRESS))) {
            S2sServer engine = new S2sServer(S2sSettings.builder()
                .route(new StaticRoute("silent.test", SILENT_PEER_ADDRESS, silentPeer.getLocalPort()))
                .build(), LocalDomains.of("james.test"),
                stanza -> { throw new IllegalStateException("nothing comes in here"); }, new MemoryDialbackSecretStore(), clock);
            FakeMail mail = mail(new MailAddress("carol@silent.test"));
            XmppDeliveryAttributes.setRetries(mail, 2);
            MailQueue.MailQueueItem item = enqueueAndTake(mail);
            DeliveryRunnable testee = new DeliveryRunnable(queue, XmppRemoteDeliveryConfiguration.parse(config()
                .mailetName("XmppRemoteDelivery").build()),
                new XmppDelivrer(engine, new LateFailures(queue), MappingOptions.defaults()),
                new FailureRoute(XmppRemoteDeliveryConfiguration.parse(config().mailetName("XmppRemoteDelivery").build()),
                    mailetContext, new DsnComposer(clock), new DeliveryMetrics(metricFactory)),
                new DeliveryMetrics(metricFactory), clock);

            CompletableFuture<Void> attempt = testee.process(item).toFuture();
            silentPeer.setSoTimeout(5_000);
            try (Socket inFlight = silentPeer.accept()) {
                engine.stop();
                attempt.get(10, TimeUnit.SECONDS);
            }

            ManageableMailQueue.MailQueueItemView queued = queue.browse().next();
            assertThat(queued.getMail().getRecipients()).containsExactly(new MailAddress("carol@silent.test"));
            assertThat(XmppDeliveryAttributes.retries(queued.getMail())).as("the last retry is still to come").isEqualTo(2);
            assertThat(queued.getNextDelivery()).hasValueSatisfying(next ->
                assertThat(next.toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(10))));
            assertThat(mailetContext.getSentMails()).as("no DSN").isEmpty();
        }
    }

    /** The outgoing queue refusing every enqueue (disk full, broker down). */
    MailQueue refusingQueue() {
        return (MailQueue) Proxy.newProxyInstance(MailQueue.class.getClassLoader(), new Class<?>[] {MailQueue.class},
            (proxy, method, args) -> {
                if (method.getName().equals("enQueue")) {
                    throw new MailQueue.MailQueueException("queue refuses");
                }
                try {
                    return method.invoke(queue, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }
}
