package org.jamesxmpp.it.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.guice.jpa.JpaJamesServer;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.ImmutableList;
import com.google.inject.Module;

/**
 * The XMPP bridge on the persistent server (JPA mailboxes, ActiveMQ spool and queues) with the test conf, both ways
 * with a Prosody peer: what the memory-flavour suites check, in short.
 */
class PersistentXmppEndToEndTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "a.test";
    private static final String PEER_ADDRESS = "127.0.0.2";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(30));
    /** The test conf's mailetcontainer.xml names memory:// repositories, and its mailrepositorystore.xml no item. */
    private static final Module MEMORY_MAIL_REPOSITORIES = binder -> binder.bind(MailRepositoryStoreConfiguration.Item.class)
        .toProvider(() -> new MailRepositoryStoreConfiguration.Item(ImmutableList.of(new Protocol("memory")),
            MemoryMailRepository.class.getName(), new BaseHierarchicalConfiguration()));

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = new JamesServerBuilder<Configuration.Basic>(tmpDir ->
            Configuration.builder()
                .workingDirectory(tmpDir)
                .configurationFromClasspath()
                .build())
        .server(configuration -> JpaJamesServer.create(configuration).overrideWith(MEMORY_MAIL_REPOSITORIES))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static ProsodyPeer prosody;

    private SmackClient alice;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopProsody() {
        prosody.close();
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        users(server).ensureDomain();
        alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
    }

    @AfterEach
    void tearDown() {
        alice.close();
    }

    @Test
    void normalMessageShouldReachInbox(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-normal");

        alice.send(StanzaBuilder.buildMessage("persistent-normal-1")
            .to(JidCreate.from(bob)).ofType(Message.Type.normal)
            .setSubject("Lunch?").setBody("Shall we have lunch at noon?")
            .build());

        try (TestIMAPClient imap = users(server).imap(bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 1);
            assertThat(users(server).reader(bob).text(TestIMAPClient.INBOX, 1))
                .containsPattern("(?m)^From: .*alice@a\\.test")
                .containsPattern("(?m)^Authentication-Results: .*dialback")
                .contains("Shall we have lunch at noon?");
        }
    }

    @Test
    void chatMessageShouldBeFiledInChats(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-chat");

        alice.send(StanzaBuilder.buildMessage("persistent-chat-1")
            .to(JidCreate.from(bob)).ofType(Message.Type.chat)
            .setBody("hi, are you there?")
            .build());

        try (TestIMAPClient imap = users(server).imap(bob)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isEqualTo(1));
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isZero();
        }
    }

    @Test
    void resentStanzaShouldBeDeliveredOnceAndTheSameIdWithOtherContentAgain(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-dup");
        Message first = StanzaBuilder.buildMessage("persistent-dup-1")
            .to(JidCreate.from(bob)).ofType(Message.Type.normal)
            .setSubject("Once").setBody("only once, although sent twice")
            .build();

        alice.send(first);
        alice.send(first);
        alice.send(StanzaBuilder.buildMessage("persistent-dup-1")
            .to(JidCreate.from(bob)).ofType(Message.Type.normal)
            .setSubject("Other").setBody("same id, other text")
            .build());

        try (TestIMAPClient imap = users(server).imap(bob)) {
            imap.select(TestIMAPClient.INBOX).awaitMessageCount(AWAIT, 2);
            AWAIT.during(Duration.ofSeconds(2)).until(() -> imap.getMessageCount(TestIMAPClient.INBOX) == 2);
            assertThat(List.of(users(server).reader(bob).text(TestIMAPClient.INBOX, 1),
                    users(server).reader(bob).text(TestIMAPClient.INBOX, 2)))
                .anySatisfy(text -> assertThat(text).contains("only once, although sent twice"))
                .anySatisfy(text -> assertThat(text).contains("same id, other text"));
        }
    }

    @Test
    void submittedMailShouldReachTheXmppClient(GuiceJamesServer server) throws Exception {
        String bob = users(server).create("bob-out");

        users(server).submit(bob, "alice@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: alice@a.test\r\n"
            + "Subject: From the persistent server\r\n\r\nover s2s\r\n");

        List<Message> received = alice.awaitMessages(m -> "From the persistent server".equals(m.getSubject()), 1,
            Duration.ofSeconds(30));
        assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(bob);
        assertThat(received.get(0).getBody()).contains("over s2s");
    }

    private static JamesUsers users(GuiceJamesServer server) {
        return new JamesUsers(server, JAMES_DOMAIN, PASSWORD);
    }
}
