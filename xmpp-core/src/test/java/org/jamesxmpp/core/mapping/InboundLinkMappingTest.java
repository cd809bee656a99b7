package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.io.ByteStreams;

class InboundLinkMappingTest {
    static final String PDF_URL = "https://files.a.test/report.pdf";
    static final String SECRET_URL = "http://169.254.169.254/latest/meta-data/";
    static final byte[] PDF = "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII);

    private static Message stanza() throws Exception {
        return StanzaBuilder.buildMessage("l1")
            .from(JidCreate.from("alice@a.test/phone"))
            .to(JidCreate.from("bob@james.test"))
            .ofType(Message.Type.normal)
            .setBody("the report")
            .addExtension(new OutOfBandDataElement(PDF_URL, Optional.of("report")))
            .addExtension(new FileSharingElement("text/plain", "secrets.txt", 10, "", SECRET_URL))
            .build();
    }

    private static MimeMessage convert(Message stanza, List<LinkFetch> links) throws Exception {
        InboundContext context = InboundContext.of(JidCreate.domainBareFrom("a.test"), AuthMethod.DIALBACK, false, "james.test",
            Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
        InboundMail mail = (InboundMail) StanzaToMime.convert(stanza, context, links);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.mimeBytes()));
    }

    @Test
    void linksShouldBeFoundInOobAndFileSharingOnce() throws Exception {
        assertThat(InboundLinks.of(stanza())).containsExactly(PDF_URL, SECRET_URL);
    }

    @Test
    void fetchedLinkShouldBeAttachedAndAFailedOneShouldStayInTheBodyWithWhy() throws Exception {
        MimeMessage mail = convert(stanza(), List.of(new LinkFetch.Fetched(PDF_URL, "report é.pdf", "application/pdf", PDF),
            new LinkFetch.Failed(SECRET_URL, "169.254.169.254 is a private, loopback, link-local or reserved address")));

        Multipart mixed = (Multipart) mail.getContent();
        String text = (String) mixed.getBodyPart(0).getContent();
        assertThat(text).contains("the report", PDF_URL, "secrets.txt: " + SECRET_URL,
            "[Link not attached: " + SECRET_URL + ": 169.254.169.254 is a private, loopback, link-local or reserved address]");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getFileName()).isEqualTo("report é.pdf");
        assertThat(ByteStreams.toByteArray(attachment.getInputStream())).isEqualTo(PDF);
        assertThat(mixed.getCount()).isEqualTo(2);
    }

    @Test
    void withoutFetchingLinksShouldStayInTheBody() throws Exception {
        MimeMessage mail = convert(stanza(), List.of());

        assertThat((String) mail.getContent()).contains(PDF_URL, SECRET_URL).doesNotContain("Link not attached");
    }
}
