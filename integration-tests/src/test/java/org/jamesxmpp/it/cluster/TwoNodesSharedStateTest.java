package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import javax.mail.internet.MimeMessage;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import com.google.inject.Module;

/**
 * Both nodes on the Cassandra stores, Prosody reaching james.test only at node B: what node A did, node B finds in
 * Cassandra (the dialback secret, the stanzas the peer acknowledged); a reply mail node A sends threads at the peer
 * with the stanza node B accepted (threads need no shared state: ids map by a fixed rule, docs/mapping.md).
 */
class TwoNodesSharedStateTest extends TwoNodesCluster {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ConditionFactory AWAIT = await().atMost(WAIT).pollInterval(Duration.ofMillis(500));

    @Override
    Module[] nodeBOverrides() {
        return new Module[0];
    }

    @Test
    void aDialbackKeyGeneratedOnNodeAShouldVerifyOnNodeB() throws Exception {
        JamesUsers usersOfNodeA = usersOfNodeA();
        String bob = usersOfNodeA.create("bob");

        try (SmackClient alice = alice()) {
            usersOfNodeA.submit(bob, "alice@a.test", "From: " + bob + "\r\nTo: alice@a.test\r\n"
                + "Subject: Sent by node A\r\n\r\nverified by node B\r\n");

            List<Message> received = alice.awaitMessages(m -> "Sent by node A".equals(m.getSubject()), 1, WAIT);
            assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(bob);
        }
    }

    @Test
    void aLateErrorReceivedOnNodeBShouldBounceTheMailNodeASent() throws Exception {
        String dave = usersOfNodeA().create("dave");
        usersOfNodeB().create("dave");

        try (SmackClient alice = alice()) {
            usersOfNodeA().submit(dave, "alice@a.test", "From: " + dave + "\r\nTo: alice@a.test\r\n"
                + "Subject: Sent by node A, refused later\r\n\r\nrefused after the acknowledgement\r\n");
            Message received = alice.awaitMessages(m -> "Sent by node A, refused later".equals(m.getSubject()), 1,
                WAIT).get(0);
            // node A keeps what Prosody acknowledged in Cassandra
            AWAIT.until(() -> lateErrorRowsOf(dave) == 1);

            // Prosody routes it to james.test, which only node B serves
            alice.send(StanzaBuilder.buildMessage(received.getStanzaId())
                .ofType(Message.Type.error)
                .to(JidCreate.entityBareFrom(dave))
                .setError(StanzaError.getBuilder(StanzaError.Condition.item_not_found)
                    .setType(StanzaError.Type.CANCEL)
                    .build())
                .build());

            try (TestIMAPClient imap = usersOfNodeB().imap(dave)) {
                AWAIT.until(() -> imap.getMessageCount(TestIMAPClient.INBOX) == 1);
                assertThat(imap.readFirstMessage())
                    .contains("multipart/report")
                    .contains("Final-Recipient: rfc822; alice@a.test")
                    .contains("Action: failed")
                    .contains("item-not-found")
                    .contains("Subject: Sent by node A, refused later");
            }
            AWAIT.until(() -> lateErrorRowsOf(dave) == 0);
        }
    }

    @Test
    void aReplyMailSentByNodeAShouldThreadAtThePeerWithTheStanzaNodeBAccepted() throws Exception {
        String erin = usersOfNodeA().create("erin");
        usersOfNodeB().create("erin");

        try (SmackClient alice = alice()) {
            alice.send(StanzaBuilder.buildMessage("alice-first-1")
                .ofType(Message.Type.normal)
                .to(JidCreate.entityBareFrom(erin))
                .setThread("alice-thread-14")
                .setSubject("Accepted by node B")
                .setBody("which node answers?")
                .build());
            MimeMessage first;
            try (TestIMAPClient imap = usersOfNodeB().imap(erin)) {
                AWAIT.until(() -> imap.getMessageCount(TestIMAPClient.INBOX) == 1);
            }
            try (ImapMessages messages = usersOfNodeB().reader(erin)) {
                first = messages.parsed(TestIMAPClient.INBOX, 1);
            }
            String firstReferences = first.getHeader("References", null);
            assertThat(firstReferences).as("the thread of alice's stanza").isNotNull();

            // what a mail client writes when erin answers: In-Reply-To the first's id, References the first's plus it
            usersOfNodeA().submit(erin, "alice@a.test", "From: " + erin + "\r\nTo: alice@a.test\r\n"
                + "Message-ID: <erin-reply-1@james.test>\r\nIn-Reply-To: " + first.getMessageID() + "\r\n"
                + "References: " + firstReferences.trim() + " " + first.getMessageID() + "\r\n"
                + "Subject: Re: Accepted by node B\r\n\r\nnode A answers\r\n");

            Message reply = alice.awaitMessages(m -> "Re: Accepted by node B".equals(m.getSubject()), 1, WAIT).get(0);
            assertThat(reply.getThread()).isEqualTo("alice-thread-14");
            assertThat(ReplyElement.from(reply)).map(ReplyElement::getId).contains("alice-first-1");
            assertThat(reply.getStanzaId()).isEqualTo("erin-reply-1@james.test");
            try (TestIMAPClient imap = usersOfNodeA().imap(erin)) {
                assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).as("node A never saw alice's message").isZero();
            }
        }
    }

    private static long lateErrorRowsOf(String sender) {
        return cassandra.session().execute("SELECT sender FROM xmpp_late_error").all().stream()
            .filter(row -> sender.equals(row.getString("sender")))
            .count();
    }
}
