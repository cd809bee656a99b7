package org.jamesxmpp.listener.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.store.MemoryInboundDedupStore;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.listener.links.LinkFetcher;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import com.sun.net.httpserver.HttpServer;

import reactor.core.publisher.Mono;

class InboundLinkFetchTest {
    static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.145.31", 5269);

    HttpServer files;
    AtomicInteger downloads = new AtomicInteger();
    MemoryMailQueueFactory queueFactory;
    SpoolEnqueuer spool;
    LinkFetcher linkFetcher;
    InboundMailHandler testee;

    @BeforeEach
    void setUp() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.145.7", 0), 0);
        files.createContext("/notes.txt", exchange -> {
            downloads.incrementAndGet();
            byte[] body = "the notes".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        files.start();
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);
        queueFactory = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        spool = new SpoolEnqueuer(queueFactory, XmppConfiguration.DEFAULT_SPOOL_WRITERS);
        LocalRecipients onlyBob = new LocalRecipients(null, null) {
            @Override
            public Mono<List<MailAddress>> existing(List<? extends MailAddress> recipients) {
                return Mono.just(recipients.stream()
                    .filter(recipient -> recipient.asString().equals("bob@james.test"))
                    .<MailAddress>map(recipient -> recipient)
                    .toList());
            }
        };
        linkFetcher = new LinkFetcher(new LinkFetchConfiguration(true, 1024, 4, Duration.ofSeconds(5), true,
            List.of("127.0.145.7")));
        testee = new InboundMailHandler(spool, onlyBob,
            new UnknownAddressErrors(() -> (stanza, lateErrors) -> CompletableFuture.completedFuture(null),
                LocalDomains.of("james.test")),
            linkFetcher, new MemoryInboundDedupStore(Duration.ofHours(1), clock),
            new InboundSettings(Set.of(Message.Type.normal, Message.Type.chat), "james.test", MappingOptions.defaults()),
            clock);
    }

    @AfterEach
    void tearDown() {
        files.stop(0);
        spool.dispose();
        linkFetcher.dispose();
    }

    private void handle(String to) throws Exception {
        Message message = StanzaBuilder.buildMessage("n1")
            .from(JidCreate.from("alice@a.test/phone"))
            .to(JidCreate.from(to))
            .ofType(Message.Type.normal)
            .setBody("notes attached")
            .addExtension(new OutOfBandDataElement("http://127.0.145.7:" + files.getAddress().getPort() + "/notes.txt",
                Optional.empty()))
            .build();
        testee.handle(new InboundStanza(message, "a.test", AuthMethod.DIALBACK, false, PEER_ADDRESS))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void linkOfAStanzaForAUserShouldBeDownloadedOnceEvenWhenTheStanzaComesTwice() throws Exception {
        handle("bob@james.test");
        handle("bob@james.test");

        assertThat(downloads).hasValue(1);
        assertThat(queueFactory.createQueue(MailQueueFactory.SPOOL).getSize()).isEqualTo(1);
    }

    @Test
    void linkOfAStanzaForNobodyShouldNotBeDownloaded() {
        assertThatThrownBy(() -> handle("ghost@james.test")).isInstanceOf(ExecutionException.class);

        assertThat(downloads).hasValue(0);
    }
}
