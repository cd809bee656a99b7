package org.jamesxmpp.it.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import javax.mail.internet.MimeMessage;

import org.apache.james.GuiceJamesServer;
import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.TestIMAPClient;
import org.apache.mailet.Mail;
import org.awaitility.Awaitility;
import org.jamesxmpp.guice.jpa.JpaJamesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.multibindings.Multibinder;

/**
 * James's spool acknowledges a mail once its processing ended: a crash or a stop after the append to the mailbox and
 * before that makes the spool hand the same mail (same name) out again after the restart. The persistent server with
 * the repository's {@code conf/} must then deliver it once, and must still deliver a mail whose first attempt never
 * reached the mailbox.
 */
class SpoolRedeliveryTest {
    private static final String BOB = "bob@james.test";
    private static final String PASSWORD = "secret";

    @TempDir
    Path data;
    private RunConf conf;
    private GuiceJamesServer server;

    @BeforeEach
    void setUp() throws Exception {
        conf = RunConf.create(data.resolve("conf"), RunConf.freePort());
        server = JpaJamesServer.create(Configuration.builder().workingDirectory(data.toFile()).build())
            .overrideWith(binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(SpoolProbe.class));
        server.start();
        new WebAdmin(conf.webAdminPort()).addDomain("james.test");
        new WebAdmin(conf.webAdminPort()).addUser(BOB, PASSWORD);
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    @Test
    void mailHandedOutAgainAfterItsDeliveryShouldBeInTheInboxOnce() throws Exception {
        SpoolProbe spool = server.getProbe(SpoolProbe.class);
        spool.enqueue(mail("Mail-redelivered-1", "<redelivered-1@example.org>", "handed out twice"));
        try (TestIMAPClient imap = inbox()) {
            imap.awaitMessageCount(Awaitility.await(), 1);

            spool.enqueue(mail("Mail-redelivered-1", "<redelivered-1@example.org>", "handed out twice"));
            spool.enqueue(mail("Mail-after-1", "<after-1@example.org>", "marker"));
            imap.awaitMessageCount(Awaitility.await(), 2);
            Thread.sleep(Duration.ofSeconds(2).toMillis());

            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(2);
            String subjects = imap.sendCommand("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(subjects.split("Subject: handed out twice", -1)).hasSize(2);
            assertThat(subjects).contains("Subject: marker");
        }
    }

    @Test
    void mailWhoseFirstAttemptNeverReachedTheMailboxShouldBeDelivered() throws Exception {
        SpoolProbe spool = server.getProbe(SpoolProbe.class);
        spool.recordAttempt("Mail-crashed-before-append", BOB);

        spool.enqueue(mail("Mail-crashed-before-append", "<crashed-1@example.org>", "first attempt crashed"));

        try (TestIMAPClient imap = inbox()) {
            imap.awaitMessageCount(Awaitility.await(), 1);
            assertThat(imap.readFirstMessage()).contains("Subject: first attempt crashed");
        }
    }

    @Test
    void copySplitOffByAMatcherShouldBeRecognisedByTheNameItHadOnTheSpool() throws Exception {
        SpoolProbe spool = server.getProbe(SpoolProbe.class);
        spool.enqueue(mail("Mail-split-1-!1234567", "<split-1@example.org>", "split copy"));
        try (TestIMAPClient imap = inbox()) {
            imap.awaitMessageCount(Awaitility.await(), 1);

            spool.enqueue(mail("Mail-split-1-!7654321", "<split-1@example.org>", "split copy"));
            spool.enqueue(mail("Mail-after-2", "<after-2@example.org>", "marker"));
            imap.awaitMessageCount(Awaitility.await(), 2);
            Thread.sleep(Duration.ofSeconds(2).toMillis());

            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(2);
        }
    }

    @Test
    void mailWithoutMessageIdHandedOutAgainShouldBeInTheInboxOnce() throws Exception {
        SpoolProbe spool = server.getProbe(SpoolProbe.class);
        spool.enqueue(mailWithoutMessageId("Mail-anonymous-1", "no message id"));
        try (TestIMAPClient imap = inbox()) {
            imap.awaitMessageCount(Awaitility.await(), 1);

            spool.enqueue(mailWithoutMessageId("Mail-anonymous-1", "no message id"));
            spool.enqueue(mail("Mail-after-3", "<after-3@example.org>", "marker"));
            imap.awaitMessageCount(Awaitility.await(), 2);
            Thread.sleep(Duration.ofSeconds(2).toMillis());

            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(2);
            assertThat(imap.readFirstMessageHeaders()).contains("Message-ID: <", "@james-xmpp.invalid>");
        }
    }

    @Test
    void sameMessageIdUnderAnotherMailNameShouldBeDeliveredAgain() throws Exception {
        SpoolProbe spool = server.getProbe(SpoolProbe.class);
        spool.enqueue(mail("Mail-sent-1", "<sent-twice@example.org>", "sent twice by its author"));
        try (TestIMAPClient imap = inbox()) {
            imap.awaitMessageCount(Awaitility.await(), 1);

            spool.enqueue(mail("Mail-sent-2", "<sent-twice@example.org>", "sent twice by its author"));

            imap.awaitMessageCount(Awaitility.await(), 2);
        }
    }

    private TestIMAPClient inbox() throws Exception {
        TestIMAPClient imap = new TestIMAPClient();
        imap.connect("127.0.0.1", conf.imapPort()).login(BOB, PASSWORD).select(TestIMAPClient.INBOX);
        return imap;
    }

    private static Mail mailWithoutMessageId(String name, String subject) throws Exception {
        Mail mail = mail(name, "<to-be-removed@example.org>", subject);
        mail.getMessage().removeHeader("Message-ID");
        mail.getMessage().saveChanges();
        mail.getMessage().removeHeader("Message-ID");
        return mail;
    }

    private static Mail mail(String name, String messageId, String subject) throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder()
            .addHeader("Message-ID", messageId)
            .setSubject(subject)
            .setText("body of " + subject)
            .addFrom("alice@example.org")
            .addToRecipient(BOB)
            .build();
        return MailImpl.builder()
            .name(name)
            .sender(new MailAddress("alice@example.org"))
            .addRecipient(new MailAddress(BOB))
            .mimeMessage(message)
            .build();
    }
}
