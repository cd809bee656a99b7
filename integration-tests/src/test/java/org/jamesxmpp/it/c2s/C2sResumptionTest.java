package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XEP-0198 resumption with Smack as users run it: the client's TCP connection drops (an unclean shutdown, no closing
 * tag, as when a phone changes networks); it resumes its session on a new connection and loses nothing, neither what
 * it was sent while away nor what it sent just before the drop, and gets nothing twice. James in-process, c2s on
 * 127.0.206.1.
 */
class C2sResumptionTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(TIMEOUT);
    private static final int WHILE_AWAY = 3;

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(C2sTestUsers.clientListener(
        "127.0.206.3:5269", "<bind>127.0.206.1:0</bind>"));

    @BeforeAll
    static void createDomain(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    private static long withBody(List<Message> messages, String body) {
        return messages.stream().filter(message -> body.equals(message.getBody())).count();
    }

    @Test
    void droppedConnectionShouldBeResumedAndLoseNothing(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-resume");
        String carol = users(server).mail().create("carol-resume");

        try (SmackClient bobClient = users(server).login(bob, "phone");
             SmackClient carolClient = users(server).login(carol, "laptop")) {
            XMPPTCPConnection connection = bobClient.connection();
            assertThat(connection.isSmResumptionPossible()).isTrue();
            bobClient.send(C2sTestUsers.chat(carol, "sent before the drop"));
            connection.instantShutdown();

            for (int i = 0; i < WHILE_AWAY; i++) {
                carolClient.send(C2sTestUsers.chat(bob, "while away " + i));
            }
            try (TestIMAPClient imap = users(server).mail().imap(bob)) {
                AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("Chats")).isGreaterThanOrEqualTo(WHILE_AWAY));
            }
            assertThat(bobClient.received()).noneMatch(message -> message.getBody().startsWith("while away"));

            connection.connect().login();

            assertThat(connection.streamWasResumed()).isTrue();
            assertThat(bobClient.fullJid()).isEqualTo(bob + "/phone");
            bobClient.awaitMessages(message -> message.getBody().startsWith("while away"), WHILE_AWAY, TIMEOUT);
            bobClient.send(C2sTestUsers.chat(carol, "sent after resuming"));
            C2sTestUsers.awaitBody(carolClient, "sent after resuming", TIMEOUT);
            carolClient.send(C2sTestUsers.chat(bob, "last"));
            C2sTestUsers.awaitBody(bobClient, "last", TIMEOUT);

            assertThat(withBody(carolClient.received(), "sent before the drop")).isEqualTo(1);
            for (int i = 0; i < WHILE_AWAY; i++) {
                assertThat(withBody(bobClient.received(), "while away " + i)).as("while away " + i).isEqualTo(1);
            }
        }
    }
}
