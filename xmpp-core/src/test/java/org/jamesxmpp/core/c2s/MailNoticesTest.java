package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.jamesxmpp.core.mapping.MappingOptions;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

class MailNoticesTest {
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@james.test");
    private static final byte[] MAIL = ("From: Erin <erin@mail.test>\r\nTo: bob@james.test\r\nSubject: Quarterly\r\n report\r\n"
        + "Message-ID: <q1@mail.test>\r\nReferences: <root@mail.test>\r\n\r\nPlease review the figures.\r\n")
        .getBytes(StandardCharsets.UTF_8);

    @Test
    void noticeShouldNameSenderAndSubjectAndKeepIdAndThread() {
        Message notice = MailNotices.of(MailPush.NOTICE, MAIL, BOB, MappingOptions.defaults()).orElseThrow();

        assertThat(notice.getFrom().toString()).isEqualTo("erin@mail.test");
        assertThat(notice.getTo().toString()).isEqualTo("bob@james.test");
        assertThat(notice.getStanzaId()).isEqualTo("q1@mail.test");
        assertThat(notice.getThread()).isEqualTo("root@mail.test");
        assertThat(notice.getSubject()).isEqualTo("Quarterly report");
        assertThat(notice.getBody()).isEqualTo("Mail from Erin <erin@mail.test>: Quarterly report");
    }

    @Test
    void fullShouldBeTheMappedMail() {
        Message full = MailNotices.of(MailPush.FULL, MAIL, BOB, MappingOptions.defaults()).orElseThrow();

        assertThat(full.getBody()).isEqualTo("Please review the figures.");
        assertThat(full.getStanzaId()).isEqualTo("q1@mail.test");
    }

    @Test
    void offOrASenderWithoutAddressShouldGiveNothing() {
        assertThat(MailNotices.of(MailPush.OFF, MAIL, BOB, MappingOptions.defaults())).isEmpty();
        assertThat(MailNotices.of(MailPush.NOTICE, "Subject: x\r\n\r\nno From\r\n".getBytes(StandardCharsets.UTF_8), BOB,
            MappingOptions.defaults())).isEmpty();
    }

    @Test
    void pushModesShouldParseCaseInsensitively() {
        assertThat(MailPush.parse(" Full ")).contains(MailPush.FULL);
        assertThat(MailPush.parse("loud")).isEmpty();
    }
}
