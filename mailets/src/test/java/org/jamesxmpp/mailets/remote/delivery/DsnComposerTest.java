package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableMap;

class DsnComposerTest {
    static final MailAddress POSTMASTER = address("postmaster@james.test");
    static final MailAddress ALICE = address("alice@a.test");
    static final DeliveryFailure ITEM_NOT_FOUND = new DeliveryFailure(DsnStatus.permanent(1, 1), "item-not-found (cancel)");

    DsnComposer testee;
    FakeMail mail;

    @BeforeEach
    void setUp() throws Exception {
        testee = new DsnComposer(Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC));
        mail = FakeMail.builder().name("m1")
            .sender("bob@james.test")
            .recipient(ALICE)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("Message-ID", "<m1@james.test>")
                .setSubject("hello")
                .setText("hi alice"))
            .build();
    }

    @Test
    void composeShouldBuildAMultipartReportOfTypeDeliveryStatus() throws Exception {
        MimeMessage dsn = testee.compose(mail, ImmutableMap.of(ALICE, ITEM_NOT_FOUND), POSTMASTER);

        ContentType contentType = new ContentType(dsn.getContentType());
        assertThat(contentType.getBaseType()).isEqualTo("multipart/report");
        assertThat(contentType.getParameter("report-type")).isEqualTo("delivery-status");
        MimeMultipart parts = (MimeMultipart) dsn.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("message/rfc822");
    }

    @Test
    void composeShouldAddressTheSenderFromThePostmaster() throws Exception {
        MimeMessage dsn = testee.compose(mail, ImmutableMap.of(ALICE, ITEM_NOT_FOUND), POSTMASTER);

        assertThat(dsn.getHeader("To", ",")).isEqualTo("bob@james.test");
        assertThat(dsn.getFrom()[0].toString()).contains("postmaster@james.test");
        assertThat(dsn.getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
        assertThat(dsn.getHeader("In-Reply-To", ",")).isEqualTo("<m1@james.test>");
    }

    @Test
    void composeShouldWriteOneStatusBlockPerRecipient() throws Exception {
        MailAddress carol = address("carol@a.test");
        MimeMessage dsn = testee.compose(mail, ImmutableMap.of(ALICE, ITEM_NOT_FOUND,
            carol, new DeliveryFailure(DsnStatus.transientFailure(4, 1), "gave up after 5 retries: remote-server-timeout")), POSTMASTER);

        assertThat(deliveryStatus(dsn))
            .contains("Reporting-MTA: dns; james.test\r\n")
            .contains("Final-Recipient: rfc822; alice@a.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
            .contains("Diagnostic-Code: X-XMPP; item-not-found (cancel)\r\n")
            .contains("Final-Recipient: rfc822; carol@a.test\r\nAction: failed\r\nStatus: 4.4.1\r\n")
            .contains("Last-Attempt-Date: Wed, 25 Nov 2026 20:00:00");
    }

    @Test
    void composeShouldNameRecipientAndReasonInTheHumanReadablePart() throws Exception {
        MimeMessage dsn = testee.compose(mail, ImmutableMap.of(ALICE, ITEM_NOT_FOUND), POSTMASTER);

        String text = (String) ((MimeMultipart) dsn.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("<alice@a.test>: item-not-found (cancel) (5.1.1)");
    }

    @Test
    void composeShouldKeepPeerTextOnOneLine() throws Exception {
        DeliveryFailure hostile = new DeliveryFailure(DsnStatus.permanent(1, 1), "item-not-found (cancel): a\r\nAction: delivered");

        MimeMessage dsn = testee.compose(mail, ImmutableMap.of(ALICE, hostile), POSTMASTER);

        assertThat(deliveryStatus(dsn)).doesNotContain("\r\nAction: delivered").contains("a  Action: delivered");
    }

    @Test
    void composeShouldRefuseAMailWithoutSender() throws Exception {
        FakeMail bounce = FakeMail.builder().name("m2").recipient(ALICE)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x"))
            .build();

        assertThatThrownBy(() -> testee.compose(bounce, Map.of(ALICE, ITEM_NOT_FOUND), POSTMASTER))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static String deliveryStatus(MimeMessage dsn) throws Exception {
        return DsnParts.deliveryStatus(dsn);
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
