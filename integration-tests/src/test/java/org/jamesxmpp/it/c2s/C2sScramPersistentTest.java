package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SCRAM-SHA-512 on the persistent flavour (JPA users on Derby): the keys come from James's {@code JAMES_USER} table.
 * A real slixmpp client. James in-process, c2s on 127.0.197.1.
 */
class C2sScramPersistentTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.persistent(C2sTestUsers.clientListener(
        "127.0.197.3:5269", "<bind>127.0.197.1:0</bind><sasl><scramSha512>true</scramSha512></sasl>"));

    @BeforeAll
    static void createDomain(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
    }

    @Test
    void slixmppShouldLogInWithScramSha512AsAJpaUser(GuiceJamesServer server) throws Exception {
        C2sTestUsers users = new C2sTestUsers(server, DOMAIN, PASSWORD);
        String frank = users.mail().create("frank-jpa-scram");

        try (SlixmppClient client = SlixmppClient.start(frank + "/slix", PASSWORD, users.c2s(), frank, "note to self",
            TIMEOUT)) {
            assertThat(client.awaitExit(TIMEOUT.plusSeconds(10)))
                .contains("SESSION " + frank + "/slix", "MECH SCRAM-SHA-512", "RECEIVED " + frank + "/slix note to self");
        }
    }
}
