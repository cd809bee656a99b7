package org.jamesxmpp.listener.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.store.MemoryInboundDedupStore;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.listener.links.LinkFetcher;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import reactor.core.publisher.Mono;

class InboundMailHandlerTest {
    static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.40.30", 5269);

    MemoryMailQueueFactory queueFactory;
    SpoolEnqueuer spool;
    InboundMailHandler testee;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);
        queueFactory = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        spool = new SpoolEnqueuer(queueFactory, XmppConfiguration.DEFAULT_SPOOL_WRITERS);
        LocalRecipients everyoneExists = new LocalRecipients(null, null) {
            @Override
            public Mono<List<MailAddress>> existing(List<? extends MailAddress> recipients) {
                return Mono.just(List.copyOf(recipients));
            }
        };
        testee = new InboundMailHandler(spool, everyoneExists,
            new UnknownAddressErrors(() -> (stanza, lateErrors) -> CompletableFuture.completedFuture(null),
                LocalDomains.of("james.test")),
            new LinkFetcher(LinkFetchConfiguration.defaults()),
            new MemoryInboundDedupStore(Duration.ofHours(1), clock),
            new InboundSettings(Set.of(Message.Type.normal, Message.Type.chat), "james.test", MappingOptions.defaults()),
            clock);
    }

    @AfterEach
    void tearDown() {
        spool.dispose();
    }

    private void handle(String id, String to, String body) throws Exception {
        Message message = StanzaBuilder.buildMessage(id)
            .from(JidCreate.from("alice@a.test/phone"))
            .to(JidCreate.from(to))
            .ofType(Message.Type.chat)
            .setBody(body)
            .build();
        testee.handle(new InboundStanza(message, "a.test", AuthMethod.DIALBACK, false, PEER_ADDRESS))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private long spooled() throws Exception {
        ManageableMailQueue queue = queueFactory.createQueue(MailQueueFactory.SPOOL);
        return queue.getSize();
    }

    @Test
    void sameStanzaTwiceShouldBeDeliveredOnce() throws Exception {
        handle("1", "bob@james.test", "hello");
        handle("1", "bob@james.test", "hello");

        assertThat(spooled()).isEqualTo(1);
    }

    @Test
    void sameIdToAnotherRecipientShouldBeDelivered() throws Exception {
        handle("1", "warm@james.test", "hello");
        handle("1", "bob@james.test", "hello");

        assertThat(spooled()).isEqualTo(2);
    }

    @Test
    void sameIdWithOtherContentShouldBeDeliveredWhenTheSenderReusesIds() throws Exception {
        handle("1", "bob@james.test", "first conversation");
        handle("1", "bob@james.test", "counter restarted, new message");

        assertThat(spooled()).isEqualTo(2);
    }

    @Test
    void overlongIdShouldStillDetectTheDuplicate() throws Exception {
        String id = "x".repeat(100_000);

        handle(id, "bob@james.test", "hello");
        handle(id, "bob@james.test", "hello");

        assertThat(spooled()).isEqualTo(1);
    }
}
