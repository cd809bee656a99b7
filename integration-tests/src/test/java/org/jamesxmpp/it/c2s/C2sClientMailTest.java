package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.it.outbound.SmtpSink;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Mail as mail users know it, from an XMPP client: an XEP-0033 multicast (announced in the server's disco#info) becomes one mail with {@code To}/{@code Cc} and the bcc recipient in the envelope only; bad addresses
 * are refused with a stanza error; a reply to a mail of the user's mailbox continues its {@code References}, and a
 * forward of one carries it as {@code message/rfc822}. Real James in-process, a Smack client over STARTTLS on 127.0.185.1, mail to
 * clientmail.test leaving through the test pipeline to the SMTP sink on 127.0.185.25:2525.
 */
class C2sClientMailTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String ANN = "ann@clientmail.test";
    private static final String BEN = "ben@clientmail.test";
    private static final String CID = "cid@clientmail.test";
    private static final String ERIN = "erin@clientmail.test";
    private static final InetSocketAddress SINK = new InetSocketAddress("127.0.185.25", 2525);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(TIMEOUT);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(C2sTestUsers.clientListener(
        "127.0.185.3:5269", "<bind>127.0.185.1:0</bind><limits><failureDelay>200ms</failureDelay></limits>"));

    private static SmtpSink sink;

    @BeforeAll
    static void startSink(GuiceJamesServer server) throws Exception {
        users(server).mail().ensureDomain();
        sink = new SmtpSink(SINK);
    }

    @AfterAll
    static void stopSink() throws Exception {
        sink.close();
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    private static SmtpSink.Received awaitMail(String text) {
        AWAIT.untilAsserted(() -> assertThat(sink.received()).anyMatch(mail -> mail.data().contains(text)));
        List<SmtpSink.Received> mails = sink.received().stream().filter(mail -> mail.data().contains(text)).toList();
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    @Test
    void multicastShouldBeOneMailWithToAndCcHeadersAndTheBccOnlyInTheEnvelope(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-multicast");

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            assertThat(ServiceDiscoveryManager.getInstanceFor(bobClient.connection())
                .serverSupportsFeature(MultipleAddressesElement.NAMESPACE)).isTrue();
            // Smack 4.4.8's MultipleRecipientManager writes its cc addresses as type 'to': the block is ours.
            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(DOMAIN))
                .ofType(Message.Type.normal)
                .setSubject("Team lunch")
                .setBody("Lunch at noon, all three of you.")
                .addExtension(new MultipleAddressesElement(List.of(
                    AddressEntry.ofJid(AddressType.TO, JidCreate.from(ANN), Optional.empty(), false),
                    AddressEntry.ofJid(AddressType.CC, JidCreate.from(BEN), Optional.empty(), false),
                    AddressEntry.ofJid(AddressType.BCC, JidCreate.from(CID), Optional.empty(), false))))
                .build());

            SmtpSink.Received mail = awaitMail("Lunch at noon, all three of you.");
            assertThat(mail.sender()).isEqualTo("<" + bob + ">");
            assertThat(mail.recipients()).containsExactlyInAnyOrder("<" + ANN + ">", "<" + BEN + ">", "<" + CID + ">");
            assertThat(mail.data())
                .containsPattern("(?m)^To: " + ANN + "$")
                .containsPattern("(?m)^Cc: " + BEN + "$")
                .containsPattern("(?m)^Subject: Team lunch$")
                .doesNotContainPattern("(?im)^bcc:")
                .doesNotContain(CID);
            assertThat(bobClient.received()).noneMatch(received -> received.getType() == Message.Type.error);
        }
    }

    @Test
    void multicastWithAMalformedAddressShouldBeRefusedAndSendNothing(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-bad-multicast");

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            bobClient.send(StanzaBuilder.buildMessage("bad-1")
                .to(JidCreate.from(DOMAIN))
                .setBody("never sent: one address is broken")
                .addExtension(StandardExtensionElement.builder("addresses", "http://jabber.org/protocol/address")
                    .addElement(StandardExtensionElement.builder("address", "http://jabber.org/protocol/address")
                        .addAttribute("type", "to").addAttribute("jid", ANN).build())
                    .addElement(StandardExtensionElement.builder("address", "http://jabber.org/protocol/address")
                        .addAttribute("type", "cc").addAttribute("jid", "@clientmail.test").build())
                    .build())
                .build());

            Message error = bobClient.awaitMessages(received -> "bad-1".equals(received.getStanzaId()), 1, TIMEOUT).get(0);
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
            assertThat(error.getError().getDescriptiveText()).contains("@clientmail.test");

            bobClient.sendMessage(ANN, "a marker after the refused multicast");
            awaitMail("a marker after the refused multicast");
            assertThat(sink.received()).noneMatch(mail -> mail.data().contains("never sent"));
        }
    }

    @Test
    void multicastToMoreAddressesThanTheLimitShouldBeNotAcceptableAndSendNothing(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-big-multicast");
        List<AddressEntry> addresses = IntStream.rangeClosed(1, MappingOptions.DEFAULT_MAX_ADDRESSES + 1)
            .mapToObj(i -> AddressEntry.ofJid(AddressType.BCC, JidCreate.fromOrThrowUnchecked("user" + i + "@clientmail.test"),
                Optional.empty(), false))
            .toList();

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            bobClient.send(StanzaBuilder.buildMessage("big-1")
                .to(JidCreate.from(DOMAIN))
                .setBody("never sent: too many recipients")
                .addExtension(new MultipleAddressesElement(addresses))
                .build());

            Message error = bobClient.awaitMessages(received -> "big-1".equals(received.getStanzaId()), 1, TIMEOUT).get(0);
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);

            bobClient.sendMessage(ANN, "a marker after the refused big multicast");
            awaitMail("a marker after the refused big multicast");
            assertThat(sink.received()).noneMatch(mail -> mail.data().contains("too many recipients"));
        }
    }

    private static void mailFromErin(GuiceJamesServer server, String to, String headersAndBody) throws Exception {
        try (SMTPMessageSender smtp = new SMTPMessageSender("clientmail.test")) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .sendMessageWithHeaders(ERIN, to, "From: Erin <" + ERIN + ">\r\nTo: " + to + "\r\n" + headersAndBody);
        }
    }

    @Test
    void replyToAMailInTheMailboxShouldContinueItsThread(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-reply");

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            mailFromErin(server, bob, "Subject: Budget\r\nMessage-ID: <r1.budget@clientmail.test>\r\n"
                + "References: <r0.budget@clientmail.test>\r\nIn-Reply-To: <r0.budget@clientmail.test>\r\n\r\nThe budget, again.\r\n");
            Message notice = bobClient.awaitMessages(message -> "Budget".equals(message.getSubject()), 1, TIMEOUT).get(0);

            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(ERIN))
                .ofType(Message.Type.normal)
                .setBody("Approved.")
                .addExtension(StandardExtensionElement.builder("reply", "urn:xmpp:reply:0")
                    .addAttribute("to", ERIN)
                    .addAttribute("id", notice.getStanzaId())
                    .build())
                .build());

            SmtpSink.Received reply = awaitMail("Approved.");
            assertThat(reply.recipients()).containsExactly("<" + ERIN + ">");
            assertThat(reply.data())
                .containsPattern("(?m)^In-Reply-To: <r1\\.budget@clientmail\\.test>$")
                .containsPattern("(?m)^References: <r0\\.budget@clientmail\\.test> <r1\\.budget@clientmail\\.test>$");
        }
    }

    @Test
    void forwardOfAMailInTheMailboxShouldCarryTheOriginalAsMessageRfc822(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-forward");

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            mailFromErin(server, bob, "Subject: Figures\r\nMessage-ID: <f1.figures@clientmail.test>\r\n\r\n"
                + "The figures only the mail has.\r\n");
            Message notice = bobClient.awaitMessages(message -> "Figures".equals(message.getSubject()), 1, TIMEOUT).get(0);

            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(ANN))
                .ofType(Message.Type.normal)
                .setBody("Forwarding Erin's figures.")
                .addExtension(new Forwarded<>(new DelayInformation(new Date()), notice))
                .build());

            SmtpSink.Received forward = awaitMail("Forwarding Erin's figures.");
            assertThat(forward.recipients()).containsExactly("<" + ANN + ">");
            assertThat(forward.data())
                .containsPattern("(?m)^Content-Type: multipart/mixed;")
                .containsPattern("(?m)^Content-Type: message/rfc822$")
                .containsPattern("(?m)^Message-ID: <f1\\.figures@clientmail\\.test>$")
                .contains("The figures only the mail has.");
        }
    }

    @Test
    void forwardOfAMessageOnlyAnotherUserHasShouldBeQuotedNotAttached(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-forward-other");
        String carol = users(server).mail().create("carol-forward-other");
        mailFromErin(server, carol, "Subject: For Carol\r\nMessage-ID: <p1.private@clientmail.test>\r\n\r\n"
            + "What only Carol's mailbox holds.\r\n");
        try (TestIMAPClient imap = users(server).mail().imap(carol)) {
            AWAIT.untilAsserted(() -> assertThat(imap.getMessageCount("INBOX")).isEqualTo(1));
        }

        try (SmackClient bobClient = users(server).login(bob, "laptop")) {
            bobClient.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(ANN))
                .ofType(Message.Type.normal)
                .setBody("Forwarding what I was shown.")
                .addExtension(new Forwarded<>(new DelayInformation(new Date()), StanzaBuilder.buildMessage("p1.private@clientmail.test")
                    .from(JidCreate.from(ERIN))
                    .to(JidCreate.from(bob))
                    .setSubject("For Carol")
                    .setBody("The text of the stanza.")
                    .build()))
                .build());

            SmtpSink.Received forward = awaitMail("Forwarding what I was shown.");
            assertThat(forward.data())
                .contains("---------- Forwarded message ----------", "From: " + ERIN, "Subject: For Carol", "The text of the stanza.")
                .doesNotContain("message/rfc822")
                .doesNotContain("What only Carol");
        }
    }
}
