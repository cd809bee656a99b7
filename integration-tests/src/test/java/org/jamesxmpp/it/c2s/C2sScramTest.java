package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.SaslConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;

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
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(scramOnOwnAddress());

    private static Module scramOnOwnAddress() {
        try {
            XMLConfiguration xml = new XMLConfiguration();
            new FileHandler(xml).load(new StringReader("<xmpp><listener><bind>127.0.196.3:5269</bind></listener>"
                + "<c2s><bind>127.0.196.1:0</bind><sasl><scramSha512>true</scramSha512></sasl>"
                + "<tls><keystore>classpath://keystore</keystore><secret>james-xmpp</secret></tls>"
                + "<limits><failureDelay>200ms</failureDelay></limits></c2s></xmpp>"));
            XmppConfiguration configuration = XmppConfiguration.from(xml);
            C2sConfiguration c2s = C2sConfiguration.from(xml);
            SaslConfiguration sasl = SaslConfiguration.from(xml);
            return binder -> {
                binder.bind(XmppConfiguration.class).toInstance(configuration);
                binder.bind(C2sConfiguration.class).toInstance(c2s);
                binder.bind(SaslConfiguration.class).toInstance(sasl);
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

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
