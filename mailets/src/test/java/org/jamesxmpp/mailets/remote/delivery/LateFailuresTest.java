package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;

/** A peer's error after its acknowledgement takes the delivery's one failure route. */
class LateFailuresTest {
    static final Instant NOW = Instant.parse("2026-12-02T19:00:00Z");
    static final StanzaErrorException SERVICE_UNAVAILABLE = new StanzaErrorException(
        StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL);
    static final StanzaErrorException RESOURCE_CONSTRAINT = new StanzaErrorException(
        StanzaError.Condition.resource_constraint, StanzaError.Type.WAIT);
    static final StanzaSender NEVER_CALLED = (stanza, lateErrors) -> {
        throw new IllegalStateException("a late failure is not sent again");
    };

    MailAddress alice;
    Clock clock;
    ManageableMailQueue queue;
    FakeMailContext mailetContext;
    RecordingMetricFactory metricFactory;
    FakeMail mail;

    @BeforeEach
    void setUp() throws Exception {
        alice = new MailAddress("alice@peer.test");
        clock = Clock.fixed(NOW, ZoneOffset.UTC);
        queue = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock)
            .createQueue(MailQueueName.of("outgoing-xmpp"));
        mailetContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@james.test")).build();
        metricFactory = new RecordingMetricFactory();
        mail = FakeMail.builder().name("m1-to-peer.test")
            .sender("bob@james.test")
            .recipient(alice)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("Message-ID", "<m1@james.test>")
                .setSubject("Lunch?")
                .setText("secret body"))
            .build();
    }

    LateErrorTicket ticket(LateFailures testee) throws Exception {
        return testee.ticketFor(mail, alice, ReturnedHeaders.of(mail.getMaybeSender().get(), mail.getMessage())).get();
    }

    DeliveryRunnable runnable(FakeMailetConfig.Builder config) throws Exception {
        XmppRemoteDeliveryConfiguration configuration = XmppRemoteDeliveryConfiguration.parse(config
            .mailetName("XmppRemoteDelivery")
            .build());
        DeliveryMetrics metrics = new DeliveryMetrics(metricFactory);
        return new DeliveryRunnable(queue, configuration,
            new XmppDelivrer(NEVER_CALLED, new LateFailures(queue), MappingOptions.defaults()),
            new FailureRoute(configuration, mailetContext, new DsnComposer(clock), metrics), metrics, clock);
    }

    static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder()
            .setProperty("delayTime", "1 minute")
            .setProperty("maxRetries", "2");
    }

    void lateErrorThenProcess(LateFailures testee, StanzaErrorException error, FakeMailetConfig.Builder config)
        throws Exception {
        LateErrorTicket ticket = ticket(testee);
        testee.keepContent(mail);
        testee.lateError(ticket, error);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.getSize() == 1);
        MailQueue.MailQueueItem item = Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(5));
        runnable(config).process(item).block(Duration.ofSeconds(10));
    }

    static String content(FakeMailContext.SentMail sent) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sent.getMsg().writeTo(out);
        return out.toString();
    }

    @Test
    void lateErrorShouldBecomeADsnNamingRecipientAndReasonWhenNoBounceProcessorIsSet() throws Exception {
        lateErrorThenProcess(new LateFailures(queue), SERVICE_UNAVAILABLE, config());

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn -> {
            assertThat(dsn.getSender()).isNull();
            assertThat(dsn.getRecipients()).containsExactly(new MailAddress("bob@james.test"));
            assertThat(DsnParts.deliveryStatus(dsn.getMsg()))
                .contains("Final-Recipient: rfc822; alice@peer.test")
                .contains("Status: 5.2.1")
                .contains("service-unavailable");
            assertThat(DsnParts.returnedOriginal(dsn.getMsg())).contains("Subject: Lunch?").contains("secret body");
        });
        assertThat(queue.getSize()).isZero();
        assertThat(metricFactory.countFor(DeliveryMetrics.BOUNCED)).isEqualTo(1);
    }

    @Test
    void lateErrorShouldGoToTheBounceProcessorWhenOneIsConfigured() throws Exception {
        lateErrorThenProcess(new LateFailures(queue), SERVICE_UNAVAILABLE, config().setProperty("bounceProcessor", "bounces"));

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(failed -> {
            assertThat(failed.getState()).isEqualTo("bounces");
            assertThat(failed.getRecipients()).containsExactly(alice);
            assertThat(failed.getSender()).isEqualTo(new MailAddress("bob@james.test"));
            assertThat(failed.getAttributes().get(FailureRoute.DELIVERY_ERROR).getValue().value())
                .isEqualTo("5.2.1 alice@peer.test: service-unavailable (cancel)");
        });
    }

    @Test
    void lateErrorShouldFallBackToSmtpWithTheWholeMailWhenFallbackIsSmtp() throws Exception {
        lateErrorThenProcess(new LateFailures(queue), SERVICE_UNAVAILABLE, config().setProperty("fallback", "smtp"));

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(fallback -> {
            assertThat(fallback.getState()).isEqualTo("relay");
            assertThat(fallback.getRecipients()).containsExactly(alice);
            assertThat(fallback.getAttributes()).containsKey(XmppDeliveryAttributes.FALLEN_BACK);
            assertThat(content(fallback)).contains("secret body").contains("Subject: Lunch?");
        });
        assertThat(metricFactory.countFor(DeliveryMetrics.FALLEN_BACK)).isEqualTo(1);
    }

    @Test
    void lateErrorShouldBeBouncedEvenWithFallbackSmtpWhenTheContentWasNotKept() throws Exception {
        lateErrorThenProcess(new LateFailures(queue, 0), SERVICE_UNAVAILABLE, config().setProperty("fallback", "smtp"));

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn -> {
            assertThat(dsn.getRecipients()).containsExactly(new MailAddress("bob@james.test"));
            assertThat(DsnParts.deliveryStatus(dsn.getMsg())).contains("Final-Recipient: rfc822; alice@peer.test");
            assertThat(DsnParts.returnedOriginal(dsn.getMsg())).contains("Subject: Lunch?").doesNotContain("secret body");
        });
        assertThat(metricFactory.countFor(DeliveryMetrics.FALLEN_BACK)).isZero();
    }

    @Test
    void temporaryLateErrorShouldBeRetriedWithTheContentAndWithoutTheLateMark() throws Exception {
        lateErrorThenProcess(new LateFailures(queue), RESOURCE_CONSTRAINT, config());

        ManageableMailQueue.MailQueueItemView retried = queue.browse().next();
        assertThat(retried.getMail().getRecipients()).containsExactly(alice);
        assertThat(XmppDeliveryAttributes.retries(retried.getMail())).isEqualTo(1);
        assertThat(XmppDeliveryAttributes.lateFailure(retried.getMail())).isEmpty();
        assertThat(retried.getMail().getMessage().getContent().toString()).contains("secret body");
        assertThat(mailetContext.getSentMails()).isEmpty();
    }

    @Test
    void temporaryLateErrorShouldBeBouncedWhenTheContentWasNotKept() throws Exception {
        lateErrorThenProcess(new LateFailures(queue, 0), RESOURCE_CONSTRAINT, config());

        assertThat(queue.getSize()).isZero();
        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn ->
            assertThat(DsnParts.deliveryStatus(dsn.getMsg())).contains("Status: 4.4.5"));
    }

    @Test
    void lateErrorShouldBeBouncedWithTheHeaderLinesWhenOnlyTheTicketIsLeftAsAfterARestart() throws Exception {
        LateErrorTicket ticket = ticket(new LateFailures(queue));
        LateFailures afterRestart = new LateFailures(queue);

        afterRestart.lateError(ticket, SERVICE_UNAVAILABLE);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.getSize() == 1);
        runnable(config().setProperty("fallback", "smtp")).process(Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(5)))
            .block(Duration.ofSeconds(10));

        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn -> {
            assertThat(dsn.getRecipients()).containsExactly(new MailAddress("bob@james.test"));
            assertThat(DsnParts.deliveryStatus(dsn.getMsg())).contains("Final-Recipient: rfc822; alice@peer.test")
                .contains("service-unavailable");
            assertThat(DsnParts.returnedOriginal(dsn.getMsg())).contains("Subject: Lunch?").doesNotContain("secret body");
        });
    }

    @Test
    void ticketShouldNameTheRouteSenderRecipientAndRetriesOfTheAttempt() throws Exception {
        XmppDeliveryAttributes.setRetries(mail, 2);

        assertThat(ticket(new LateFailures(queue))).satisfies(ticket -> {
            assertThat(ticket.route()).isEqualTo("outgoing-xmpp");
            assertThat(ticket.mailName()).isEqualTo("m1-to-peer.test");
            assertThat(ticket.sender()).isEqualTo("bob@james.test");
            assertThat(ticket.recipient()).isEqualTo("alice@peer.test");
            assertThat(ticket.retries()).isEqualTo(2);
            assertThat(ticket.returnedHeaders()).contains("Subject: Lunch?").doesNotContain("secret body");
        });
    }

    @Test
    void mailWithANameTooLongForATicketShouldGoWithoutOne() throws Exception {
        mail.setName("n".repeat(LateErrorTicket.MAX_NAME_LENGTH + 1));

        assertThat(new LateFailures(queue).ticketFor(mail, alice,
            ReturnedHeaders.of(mail.getMaybeSender().get(), mail.getMessage()))).isEmpty();
    }

    @Test
    void lateErrorShouldKeepTheRetriesOfTheAttemptSoThatRetriesStayBounded() throws Exception {
        XmppDeliveryAttributes.setRetries(mail, 2);

        lateErrorThenProcess(new LateFailures(queue), RESOURCE_CONSTRAINT, config());

        assertThat(queue.getSize()).isZero();
        assertThat(mailetContext.getSentMails()).singleElement().satisfies(dsn ->
            assertThat(DsnParts.deliveryStatus(dsn.getMsg())).contains("gave up after 2 retries"));
    }
}
