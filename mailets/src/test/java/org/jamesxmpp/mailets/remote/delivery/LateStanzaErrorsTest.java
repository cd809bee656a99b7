package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.testing.MutableClock;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class LateStanzaErrorsTest {
    static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.40.4", 5269);

    MemoryMailQueueFactory queueFactory;
    RecordingMetricFactory metricFactory;
    SentStanzas sentStanzas;
    AtomicInteger delegated;
    LateStanzaErrors testee;

    @BeforeEach
    void setUp() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC);
        queueFactory = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        metricFactory = new RecordingMetricFactory();
        sentStanzas = new SentStanzas(clock);
        delegated = new AtomicInteger();
        testee = new LateStanzaErrors(sentStanzas, queueFactory, metricFactory, clock);
        MimeMessage sent = MimeMessageBuilder.mimeMessageBuilder()
            .addHeader("Message-ID", "<m1@james.test>")
            .setSubject("Lunch?")
            .setText("secret body")
            .build();
        sentStanzas.delivered("m1-stanza", "alice@peer.test", new SentStanzas.SentStanza(new MailAddress("alice@peer.test"),
            "m1", ReturnedHeaders.of(new MailAddress("bob@james.test"), sent)));
    }

    InboundStanza error(String id, String from) throws Exception {
        Message message = StanzaBuilder.buildMessage(id)
            .from(JidCreate.from(from))
            .to(JidCreate.from("bob@james.test"))
            .ofType(Message.Type.error)
            .setError(StanzaError.getBuilder(StanzaError.Condition.service_unavailable).setType(StanzaError.Type.CANCEL).build())
            .build();
        return new InboundStanza(message, "peer.test", AuthMethod.DIALBACK, false, PEER_ADDRESS);
    }

    void handle(InboundStanza stanza) throws Exception {
        testee.decorate(inbound -> {
            delegated.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }).handle(stanza).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    ManageableMailQueue spool() {
        return queueFactory.createQueue(MailQueueFactory.SPOOL);
    }

    @Test
    void anErrorForADeliveredStanzaShouldEnqueueADsnToTheSender() throws Exception {
        handle(error("m1-stanza", "alice@peer.test/phone"));

        Mail dsn = spool().browse().next().getMail();
        assertThat(dsn.getMaybeSender().isNullSender()).isTrue();
        assertThat(dsn.getRecipients()).containsExactly(new MailAddress("bob@james.test"));
        assertThat(DsnParts.deliveryStatus(dsn.getMessage()))
            .contains("Final-Recipient: rfc822; alice@peer.test")
            .contains("Status: 5.2.1")
            .contains("service-unavailable");
        assertThat(DsnParts.returnedOriginal(dsn.getMessage())).contains("Subject: Lunch?").doesNotContain("secret body");
        assertThat(dsn.getMessage().getHeader("In-Reply-To", ",")).isEqualTo("<m1@james.test>");
        assertThat(delegated).hasValue(0);
        assertThat(metricFactory.countFor(DeliveryMetrics.BOUNCED)).isEqualTo(1);
    }

    @Test
    void aSecondErrorForTheSameStanzaShouldNotProduceASecondDsn() throws Exception {
        handle(error("m1-stanza", "alice@peer.test"));
        handle(error("m1-stanza", "alice@peer.test"));

        assertThat(spool().getSize()).isEqualTo(1);
        assertThat(delegated).hasValue(1);
    }

    @Test
    void anErrorFromAnotherJidShouldGoToTheDelegate() throws Exception {
        handle(error("m1-stanza", "mallory@peer.test"));

        assertThat(spool().getSize()).isZero();
        assertThat(delegated).hasValue(1);
    }

    @Test
    void anOrdinaryMessageShouldGoToTheDelegate() throws Exception {
        handle(new InboundStanza(StanzaBuilder.buildMessage("m1-stanza")
            .from(JidCreate.from("alice@peer.test"))
            .to(JidCreate.from("bob@james.test"))
            .setBody("hi")
            .build(), "peer.test", AuthMethod.DIALBACK, false, PEER_ADDRESS));

        assertThat(spool().getSize()).isZero();
        assertThat(delegated).hasValue(1);
    }

    @Test
    void sentStanzasShouldForgetAfterTheRetention() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T20:00:00Z"));
        SentStanzas shortLived = new SentStanzas(clock, Duration.ofHours(1), 10);
        shortLived.delivered("id", "alice@peer.test", sentStanzas.take("m1-stanza", "alice@peer.test").orElseThrow());

        clock.advance(Duration.ofHours(2));

        assertThat(shortLived.take("id", "alice@peer.test")).isEqualTo(Optional.empty());
    }
}
