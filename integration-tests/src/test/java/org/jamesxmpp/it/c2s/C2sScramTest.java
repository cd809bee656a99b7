package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SCRAM-SHA-512 ({@code c2s/sasl/scramSha512}) from the hashes James's {@code PBKDF2-SHA512} makes (the test conf's
 * algorithm, memory users): a real slixmpp client uses it, verifies our server signature and chats with a Smack client,
 * which has no SCRAM-SHA-512 and logs in with PLAIN on the same listener. James in-process, c2s on 127.0.196.1.
 */
class C2sScramTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(C2sTestUsers.clientListener(
        "127.0.196.3:5269", "<bind>127.0.196.1:0</bind><sasl><scramSha512>true</scramSha512></sasl>"
            + "<limits><failureDelay>200ms</failureDelay></limits>"));

    @BeforeAll
    static void createDomain(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    @Test
    void slixmppShouldLogInWithScramSha512AndChatWithAPlainClient(GuiceJamesServer server) throws Exception {
        String frank = users(server).mail().create("frank-scram");
        String grace = users(server).mail().create("grace-scram");

        try (SmackClient graceClient = users(server).login(grace, "desk");
             SlixmppClient frankClient = SlixmppClient.start(frank + "/slix", PASSWORD, users(server).c2s(), grace,
                 "hi with scram", TIMEOUT)) {
            Message atGrace = C2sTestUsers.awaitBody(graceClient, "hi with scram", TIMEOUT).get(0);
            graceClient.send(C2sTestUsers.chat(atGrace.getFrom().toString(), "hi with plain"));

            assertThat(frankClient.awaitExit(TIMEOUT.plusSeconds(10)))
                .contains("SESSION " + frank + "/slix", "MECH SCRAM-SHA-512", "RECEIVED " + grace + "/desk hi with plain");
        }
        try (TestIMAPClient imap = users(server).mail().imap(frank)) {
            imap.select("Chats").awaitMessageCount(Awaitility.await().atMost(TIMEOUT), 2);
        }
        try (ImapMessages reader = users(server).mail().reader(frank)) {
            assertThat(reader.text("Chats", 1) + reader.text("Chats", 2))
                .as("each login's mechanism is recorded in the chat it sent")
                .containsPattern("(?m)^Authentication-Results: [^;]+; auth=pass \\(xmpp c2s, sasl-scram-sha-512, TLS\\)"
                    + "\\r?\\n?\\s*smtp\\.auth=" + frank.replace(".", "\\."))
                .containsPattern("(?m)^Authentication-Results: [^;]+; auth=pass \\(xmpp c2s, sasl-plain, TLS\\)"
                    + "\\r?\\n?\\s*smtp\\.auth=" + grace.replace(".", "\\."));
        }
    }

    @Test
    void slixmppWithAWrongPasswordShouldFailScramAndPlain(GuiceJamesServer server) throws Exception {
        String frank = users(server).mail().create("frank-scram-wrong");

        try (SlixmppClient client = SlixmppClient.start(frank, "not-" + PASSWORD, users(server).c2s(), frank, "never sent",
            TIMEOUT)) {
            assertThat(client.awaitExit(TIMEOUT.plusSeconds(10)))
                .contains("FAILED_AUTH")
                .noneMatch(line -> line.startsWith("SESSION"));
        }
    }
}
