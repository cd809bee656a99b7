package org.jamesxmpp.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JamesXmppServerTest {
    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    @Test
    void mailSentBySmtpShouldBeReadableOverImap(GuiceJamesServer server) throws Exception {
        server.getProbe(DataProbeImpl.class).fluent()
            .addDomain("james.test")
            .addUser("bob@james.test", "secret")
            .addUser("alice@james.test", "secret");

        try (SMTPMessageSender smtp = new SMTPMessageSender("james.test");
             TestIMAPClient imap = new TestIMAPClient()) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate("alice@james.test", "secret")
                .sendMessageWithHeaders("alice@james.test", "bob@james.test", "Subject: hello\r\n\r\nfrom the test");

            imap.connect("127.0.0.1", server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort())
                .login("bob@james.test", "secret")
                .select(TestIMAPClient.INBOX)
                .awaitMessageCount(Awaitility.await(), 1);
            assertThat(imap.readFirstMessage()).contains("from the test");
        }
    }
}
