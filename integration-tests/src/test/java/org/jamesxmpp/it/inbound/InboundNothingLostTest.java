package org.jamesxmpp.it.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.TestIMAPClient;
import org.apache.mailet.Mail;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.listener.inbound.SpoolEnqueuer;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

import reactor.core.publisher.Mono;

/**
 * When James's spool refuses a mail, the sender is told to wait, nothing is acknowledged, and the message
 * arrives once it is sent again — exactly once, however often it is re-sent.
 */
class InboundNothingLostTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(30));

    /** The spool refuses its first mail, as a full or broken queue would; then it is James's real spool again. */
    static class SpoolFailingOnce extends SpoolEnqueuer {
        private final AtomicBoolean failed = new AtomicBoolean();

        @Inject
        SpoolFailingOnce(MailQueueFactory<?> mailQueueFactory) {
            super(mailQueueFactory, XmppConfiguration.DEFAULT_SPOOL_WRITERS);
        }

        @Override
        public Mono<Void> enqueue(Mail mail) {
            if (failed.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("spool unavailable (test)"));
            }
            return super.enqueue(mail);
        }
    }

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(
        binder -> binder.bind(SpoolEnqueuer.class).to(SpoolFailingOnce.class));

    private static ProsodyPeer prosody;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder("a.test", "127.0.0.2")
            .resolve(JAMES_DOMAIN, "127.0.0.3")
            .user("alice", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopProsody() {
        prosody.close();
    }

    @Test
    void refusedEnqueueShouldAnswerWaitAndTheResentMessageShouldArriveOnce(GuiceJamesServer server) throws Exception {
        server.getProbe(DataProbeImpl.class).fluent()
            .addDomain(JAMES_DOMAIN)
            .addUser("bob@" + JAMES_DOMAIN, PASSWORD);
        Message message = StanzaBuilder.buildMessage("retry-1")
            .to(JidCreate.from("bob@" + JAMES_DOMAIN))
            .ofType(Message.Type.normal)
            .setSubject("important")
            .setBody("do not lose me")
            .build();

        try (SmackClient alice = SmackClient.login("a.test", prosody.c2sAddress(), "alice", PASSWORD);
             TestIMAPClient imap = new TestIMAPClient()) {
            alice.send(message);
            List<Message> errors = alice.awaitMessages(m -> m.getType() == Message.Type.error, 1, Duration.ofSeconds(30));
            assertThat(errors.get(0).getError().getType()).isEqualTo(StanzaError.Type.WAIT);
            assertThat(errors.get(0).getError().getCondition()).isEqualTo(StanzaError.Condition.internal_server_error);

            alice.send(message);
            alice.send(message);
            alice.send(StanzaBuilder.buildMessage("retry-2")
                .to(JidCreate.from("bob@" + JAMES_DOMAIN)).ofType(Message.Type.normal)
                .setSubject("sentinel").setBody("sent after the duplicate")
                .build());

            imap.connect("127.0.0.1", server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort())
                .login("bob@" + JAMES_DOMAIN, PASSWORD)
                .select(TestIMAPClient.INBOX)
                .awaitMessageCount(AWAIT, 2);
            ImapMessages reader = ImapMessages.login(server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort(), "bob@" + JAMES_DOMAIN, PASSWORD);
            String messages = reader.text(TestIMAPClient.INBOX, 1) + reader.text(TestIMAPClient.INBOX, 2);
            assertThat(messages).containsOnlyOnce("do not lose me").containsOnlyOnce("sent after the duplicate");
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(2);
        }
    }
}
