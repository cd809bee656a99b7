package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {
    private static String separated(String mail) {
        return new String(HeaderBlock.withBodySeparated(mail.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    }

    private static Message convert(byte[] mail) throws MappingException {
        return Fixtures.message(MailEncoder.encode(mail, address("bob@james.test"), List.of(address("alice@a.test")),
            MappingOptions.defaults())
            .stanzas().get(0));
    }

    @Test
    void wellFormedMailShouldBeLeftAsItIs() {
        byte[] mail = crlf("Subject: hi\nX-Folded: one\n two\n\nbody\n");

        assertThat(HeaderBlock.withBodySeparated(mail)).isSameAs(mail);
    }

    @Test
    void headersOnlyMailShouldBeLeftAsItIs() {
        byte[] mail = crlf("Subject: hi\nTo: alice@a.test\n");

        assertThat(HeaderBlock.withBodySeparated(mail)).isSameAs(mail);
    }

    @Test
    void obsoleteWhiteSpaceBeforeTheColonShouldStillBeAField() {
        byte[] mail = crlf("Subject : hi\n\nbody\n");

        assertThat(HeaderBlock.withBodySeparated(mail)).isSameAs(mail);
    }

    @Test
    void lineThatIsNoFieldShouldStartTheBody() {
        assertThat(separated("Subject: hi\r\nthis is text\r\nmore\r\n"))
            .isEqualTo("Subject: hi\r\n\r\nthis is text\r\nmore\r\n");
    }

    @Test
    void bareLfMailShouldGetABareLf() {
        assertThat(separated("Subject: hi\nthis is text\n")).isEqualTo("Subject: hi\n\nthis is text\n");
    }

    @Test
    void firstLineThatIsNoFieldShouldMakeTheWholeMailTheBody() {
        assertThat(separated("Hello Alice,\r\nSubject: not a header here\r\n"))
            .isEqualTo("\r\nHello Alice,\r\nSubject: not a header here\r\n");
    }

    @Test
    void leadingWhiteSpaceOnTheFirstLineShouldNotCountAsAContinuation() {
        assertThat(separated("  indented text\r\n")).isEqualTo("\r\n  indented text\r\n");
    }

    @Test
    void textAfterHeadersWithoutBlankLineShouldReachTheStanza() throws Exception {
        Message message = convert(crlf("From: bob@james.test\nTo: alice@a.test\nSubject: No gap\n"
            + "Dear Alice, this line ends the header block.\nSecond line.\n"));

        assertThat(message.getSubject()).isEqualTo("No gap");
        assertThat(message.getBody()).contains("Dear Alice, this line ends the header block.", "Second line.");
    }

    @Test
    void mailStartingWithTextShouldKeepAllOfItInTheBody() throws Exception {
        Message message = convert(crlf("Dear Alice,\nSubject: quoted, not a header\n\nbye\n"));

        assertThat(message.getBody()).contains("Dear Alice,", "Subject: quoted, not a header", "bye");
    }
}
