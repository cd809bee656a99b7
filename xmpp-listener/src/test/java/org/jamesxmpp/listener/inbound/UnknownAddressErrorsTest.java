package org.jamesxmpp.listener.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.codec.EncodedStanza;
import org.jamesxmpp.core.store.MemoryInboundDedupStore;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.listener.links.LinkFetcher;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import reactor.core.publisher.Mono;

class UnknownAddressErrorsTest {
    static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.145.30", 5269);
    static final Set<String> USERS = Set.of("bob@james.test", "carol@james.test");

    MemoryMailQueueFactory queueFactory;
    SpoolEnqueuer spool;
    List<EncodedStanza> sent = new ArrayList<>();
    InboundMailHandler testee;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);
        queueFactory = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), clock);
        spool = new SpoolEnqueuer(queueFactory, XmppConfiguration.DEFAULT_SPOOL_WRITERS);
        LocalRecipients someExist = new LocalRecipients(null, null) {
            @Override
            public Mono<List<MailAddress>> existing(List<? extends MailAddress> recipients) {
                return Mono.just(recipients.stream()
                    .filter(recipient -> USERS.contains(recipient.asString()))
                    .<MailAddress>map(recipient -> recipient)
                    .toList());
            }
        };
        UnknownAddressErrors errors = new UnknownAddressErrors(() -> (stanza, lateErrors) -> {
            sent.add(stanza);
            return CompletableFuture.completedFuture(null);
        }, LocalDomains.of("james.test"));
        testee = new InboundMailHandler(spool, someExist, errors, new LinkFetcher(LinkFetchConfiguration.defaults()),
            new MemoryInboundDedupStore(Duration.ofHours(1), clock),
            new InboundSettings(Set.of(Message.Type.normal, Message.Type.chat), "james.test", MappingOptions.defaults()),
            clock);
    }

    @AfterEach
    void tearDown() {
        spool.dispose();
    }

    private void handle(String to, AddressEntry... entries) throws Exception {
        MessageBuilder builder = StanzaBuilder.buildMessage("m1")
            .from(JidCreate.from("alice@a.test/phone"))
            .to(JidCreate.from(to))
            .ofType(Message.Type.normal)
            .setBody("hello all");
        if (entries.length > 0) {
            builder.addExtension(new MultipleAddressesElement(List.of(entries)));
        }
        testee.handle(new InboundStanza(builder.build(), "a.test", AuthMethod.DIALBACK, false, PEER_ADDRESS))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static AddressEntry entry(AddressType type, String jid) throws Exception {
        return AddressEntry.ofJid(type, JidCreate.from(jid), Optional.empty(), false);
    }

    private long spooled() throws Exception {
        return queueFactory.createQueue(MailQueueFactory.SPOOL).getSize();
    }

    @Test
    void unknownLocalAddressOfAMulticastStanzaShouldAnswerItsOwnError() throws Exception {
        handle("james.test", entry(AddressType.TO, "bob@james.test"), entry(AddressType.CC, "ghost@james.test"),
            entry(AddressType.BCC, "carol@james.test"));

        assertThat(spooled()).isEqualTo(1);
        assertThat(sent).hasSize(1);
        EncodedStanza error = sent.get(0);
        assertThat(error.kind()).isEqualTo("message");
        assertThat(error.from().map(Object::toString)).contains("ghost@james.test");
        assertThat(error.to().map(Object::toString)).contains("alice@a.test/phone");
        assertThat(error.id()).contains("m1");
        assertThat(error.xml()).contains("type='error'").contains("<service-unavailable");
    }

    @Test
    void unknownStanzaRecipientWithAServedCcShouldAnswerItsOwnError() throws Exception {
        handle("ghost@james.test", entry(AddressType.CC, "carol@james.test"));

        assertThat(spooled()).isEqualTo(1);
        assertThat(sent).extracting(stanza -> stanza.from().get().toString()).containsExactly("ghost@james.test");
    }

    @Test
    void addressesOfOtherDomainsShouldNeitherBeAnsweredNorRelayed() throws Exception {
        handle("james.test", entry(AddressType.TO, "bob@james.test"), entry(AddressType.CC, "dave@other.test"));

        assertThat(spooled()).isEqualTo(1);
        assertThat(sent).isEmpty();
    }

    @Test
    void everyAddressServedShouldAnswerNoError() throws Exception {
        handle("bob@james.test", entry(AddressType.TO, "bob@james.test"), entry(AddressType.CC, "carol@james.test"));

        assertThat(spooled()).isEqualTo(1);
        assertThat(sent).isEmpty();
    }
}
