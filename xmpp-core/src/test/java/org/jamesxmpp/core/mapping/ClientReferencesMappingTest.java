package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** A client's reply and forward as mail, with what the sender's mailbox holds of the mails they refer to. */
class ClientReferencesMappingTest {
    private static final String ORIGINAL = "From: Erin <erin@mail.test>\r\nTo: bob@james.test\r\nSubject: Report\r\n"
        + "Message-ID: <q2.report@mail.test>\r\nReferences: <q0@mail.test> <q1@mail.test>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9 figures.\r\n";
    private static final byte[] ORIGINAL_BYTES = ORIGINAL.getBytes(StandardCharsets.ISO_8859_1);
    private static final String FORWARD = "<message xmlns='jabber:server' from='bob@james.test/phone' to='carol@mail.test' id='f1'>"
        + "<body>FYI</body><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-11-20T08:30:00Z'/>"
        + "<message xmlns='jabber:client' from='erin@mail.test' to='bob@james.test' id='q2.report@mail.test'>"
        + "<subject>Report</subject><body>Caf\u00e9 figures.</body></message></forwarded></message>";

    private static InboundContext clientContext() {
        return InboundContext.of(JidCreate.domainBareFromOrThrowUnchecked("james.test"), AuthMethod.CLIENT_SASL_PLAIN, true,
            "mx.james.test", Fixtures.CLOCK);
    }

    private static InboundMail convert(Message stanza, ReferencedMails referenced) throws Exception {
        return (InboundMail) StanzaToMime.convert(stanza, clientContext(), List.of(), referenced);
    }

    @Test
    void replyShouldContinueTheReferencesOfTheMailItAnswersWhenFound() throws Exception {
        Message reply = Fixtures.parse("<message xmlns='jabber:server' from='bob@james.test/phone' to='erin@mail.test' id='r1'>"
            + "<body>Looks good.</body><reply xmlns='urn:xmpp:reply:0' to='erin@mail.test' id='q2.report@mail.test'/></message>");

        assertThat(ReferencedMails.repliedToMessageId(reply)).contains("<q2.report@mail.test>");
        String mail = Fixtures.text(convert(reply, ReferencedMails.found(Optional.of(ORIGINAL_BYTES), List.of())));

        assertThat(mail).contains("In-Reply-To: <q2.report@mail.test>\r\n")
            .contains("References: <q0@mail.test> <q1@mail.test> <q2.report@mail.test>\r\n");
    }

    @Test
    void replyShouldReferToTheAnsweredIdAloneWhenTheMailIsNotFound() throws Exception {
        Message reply = Fixtures.parse("<message xmlns='jabber:server' from='bob@james.test/phone' to='erin@mail.test' id='r2'>"
            + "<body>Looks good.</body><reply xmlns='urn:xmpp:reply:0' to='erin@mail.test' id='q2.report@mail.test'/></message>");

        String mail = Fixtures.text(convert(reply, ReferencedMails.found(Optional.empty(), List.of())));

        assertThat(mail).contains("In-Reply-To: <q2.report@mail.test>\r\n").contains("References: <q2.report@mail.test>\r\n");
    }

    @Test
    void forwardOfAMailFoundShouldAttachTheOriginalBytesAsMessageRfc822() throws Exception {
        Message forward = Fixtures.parse(FORWARD);

        assertThat(ReferencedMails.forwardedMessageIds(forward)).containsExactly(Optional.of("<q2.report@mail.test>"));
        InboundMail mail = convert(forward, ReferencedMails.found(Optional.empty(), List.of(Optional.of(ORIGINAL_BYTES))));

        MimeMessage parsed = mail.toMimeMessage();
        MimeMultipart mixed = (MimeMultipart) parsed.getContent();
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat((String) mixed.getBodyPart(0).getContent()).isEqualTo("FYI");
        assertThat(mixed.getBodyPart(1).getContentType()).isEqualTo("message/rfc822");
        MimeMessage attached = (MimeMessage) mixed.getBodyPart(1).getContent();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        attached.writeTo(bytes);
        assertThat(bytes.toByteArray()).isEqualTo(ORIGINAL_BYTES);
        assertThat(attached.getMessageID()).isEqualTo("<q2.report@mail.test>");
        assertThat(((String) attached.getContent()).trim()).isEqualTo("Caf\u00e9 figures.");
    }

    @Test
    void forwardOfAMessageNotFoundShouldQuoteItLikeAMailClient() throws Exception {
        InboundMail mail = convert(Fixtures.parse(FORWARD), ReferencedMails.found(Optional.empty(), List.of(Optional.empty())));

        MimeMessage parsed = mail.toMimeMessage();
        assertThat(parsed.getContentType()).startsWith("text/plain");
        assertThat(((String) parsed.getContent()).replace("\r\n", "\n")).isEqualTo("FYI\n\n"
            + "---------- Forwarded message ----------\n"
            + "From: erin@mail.test\n"
            + "Date: Fri, 20 Nov 2026 08:30:00 +0000\n"
            + "Subject: Report\n"
            + "\n"
            + "Caf\u00e9 figures.\n");
    }

    @Test
    void forwardFromAPeerShouldStayAMailBuiltFromTheStanza() throws Exception {
        InboundMail mail = (InboundMail) StanzaToMime.convert(Fixtures.parse(FORWARD), clientContext());

        MimeMultipart mixed = (MimeMultipart) mail.toMimeMessage().getContent();
        assertThat(mixed.getBodyPart(1).getContentType()).isEqualTo("message/rfc822");
        assertThat(((MimeMessage) mixed.getBodyPart(1).getContent()).getMessageID()).isNull();
    }
}
