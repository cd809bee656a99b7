package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.mail.internet.ContentType;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

class DeliveryRunnableTest {
    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");
    static final DeliveryFailure NOT_FOUND = new DeliveryFailure(DsnStatus.permanent(1, 1), "item-not-found (cancel)");
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
        s2sServer = new S2sServer(S2sSettings.builder().build(), "james.test"::equals,
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
        Bouncer bouncer = new Bouncer(configuration, mailetContext, new DsnComposer(clock), metrics);
        return new DeliveryRunnable(queue, configuration, new XmppDelivrer(s2sServer, new LateFailures(queue), MappingOptions.defaults()),
            new FailureRoute(configuration, mailetContext, bouncer, metrics), metrics, clock);
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
            assertThat(failed.getAttributes().get(Bouncer.DELIVERY_ERROR).getValue().value())
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
}
