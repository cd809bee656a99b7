package org.jamesxmpp.it.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.SMTPMessageSender;
import org.awaitility.Awaitility;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * c.test declares an XMPP server (static route) that never answers; with {@code fallback=smtp} its recipients
 * continue to the fallback processor, whose RemoteDelivery hands them to an SMTP sink (127.0.40.25:2525).
 */
class OutboundSmtpFallbackTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final InetSocketAddress SINK = new InetSocketAddress("127.0.40.25", 2525);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static SmtpSink sink;

    @BeforeAll
    static void startSink() {
        sink = new SmtpSink(SINK);
    }

    @AfterAll
    static void stopSink() throws Exception {
        sink.close();
    }

    @Test
    void mailForAnUnreachableXmppDomainShouldFallBackToSmtp(GuiceJamesServer server) throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        data.addDomain(JAMES_DOMAIN);
        data.addUser("bob@" + JAMES_DOMAIN, PASSWORD);

        try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate("bob@" + JAMES_DOMAIN, PASSWORD)
                .sendMessageWithHeaders("bob@" + JAMES_DOMAIN, "carol@c.test",
                    "From: bob@james.test\r\nTo: carol@c.test\r\nSubject: By any means\r\n\r\nover SMTP if need be\r\n");
        }

        Awaitility.await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(sink.received()).hasSize(1));
        SmtpSink.Received mail = sink.received().get(0);
        assertThat(mail.recipients()).containsExactly("<carol@c.test>");
        assertThat(mail.sender()).isEqualTo("<bob@james.test>");
        assertThat(mail.data()).contains("Subject: By any means").contains("over SMTP if need be");
    }
}
