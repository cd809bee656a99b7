package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.bob.element.BoBDataExtension;
import org.jivesoftware.smackx.xhtmlim.packet.XHTMLExtension;
import org.junit.jupiter.api.Test;

class SizeLimitTest {
    private static byte[] mailWithAttachment(int attachmentBytes, String text) {
        byte[] content = new byte[attachmentBytes];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        return crlf("From: bob@james.test\nTo: alice@a.test\nSubject: s\nMessage-ID: <s@james.test>\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: multipart/alternative; boundary=a\n\n"
            + "--a\nContent-Type: text/plain\n\n" + text + "\n--a\nContent-Type: text/html\n\n<p>" + text + "</p>\n--a--\n"
            + "--m\nContent-Type: image/png\nContent-Disposition: attachment; filename=pic.png\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(content) + "\n--m--\n");
    }

    private static EncodedMail convert(byte[] mail, MappingOptions options) throws MappingException {
        return MailEncoder.encode(mail, address("bob@james.test"), List.of(address("alice@a.test")), options);
    }

    @Test
    void convertShouldKeepEverythingWhenUnderTheLimit() throws Exception {
        EncodedMail result = convert(mailWithAttachment(6000, "hello"), MappingOptions.defaults().withOriginalMime(true));

        Message message = Fixtures.message(result.stanzas().get(0));
        assertThat(message.getExtensions(BoBDataExtension.class)).hasSize(1);
        assertThat(OriginalMimeElement.from(message)).isPresent();
        assertThat(XHTMLExtension.from(message)).isNotNull();
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void convertShouldDropOriginalMimeFirstWhenOverTheLimit() throws Exception {
        EncodedMail result = convert(mailWithAttachment(6000, "hello"),
            MappingOptions.defaults().withOriginalMime(true).withMaxStanzaBytes(12_000));

        Message message = Fixtures.message(result.stanzas().get(0));
        assertThat(OriginalMimeElement.from(message)).isEmpty();
        assertThat(message.getExtensions(BoBDataExtension.class)).hasSize(1);
        assertThat(result.notes()).containsExactly("original MIME left out: the stanza would exceed the size limit");
        assertThat(result.stanzas().get(0).stanza().bytes()).isLessThanOrEqualTo(12_000);
    }

    @Test
    void convertShouldTurnInlineDataIntoLinkWhenStillOverTheLimit() throws Exception {
        MappingOptions options = MappingOptions.defaults().withMaxStanzaBytes(4000)
            .withLinkProvider(attachment -> Optional.of(URI.create("https://files.james.test/" + attachment.fileName().orElseThrow())));

        EncodedMail result = convert(mailWithAttachment(6000, "hello"), options);

        Message message = Fixtures.message(result.stanzas().get(0));
        assertThat(message.getExtensions(BoBDataExtension.class)).isEmpty();
        assertThat(OutOfBandDataElement.from(message)).extracting(OutOfBandDataElement::getUrl).containsExactly("https://files.james.test/pic.png");
        assertThat(message.getBody()).contains("https://files.james.test/pic.png");
    }

    @Test
    void convertShouldWriteNoteWhenAttachmentTooLargeAndNoLink() throws Exception {
        EncodedMail result = convert(mailWithAttachment(6000, "hello"), MappingOptions.defaults().withMaxInlineAttachmentBytes(1024));

        assertThat(Fixtures.message(result.stanzas().get(0)).getBody())
            .contains("[Attachment not transferred: pic.png (image/png, 5.9 KiB).");
        assertThat(result.notes()).containsExactly("attachment 'pic.png' not transferred");
    }

    @Test
    void convertShouldDropXhtmlBeforeFailingWhenTextNearlyFills() throws Exception {
        String text = "y".repeat(1500);

        EncodedMail result = convert(mailWithAttachment(10, text), MappingOptions.defaults().withMaxStanzaBytes(2600));

        assertThat(XHTMLExtension.from(Fixtures.message(result.stanzas().get(0)))).isNull();
        assertThat(Fixtures.message(result.stanzas().get(0)).getBody()).startsWith(text);
    }

    @Test
    void convertShouldFailWithDsnStatusWhenTextAloneIsTooLarge() {
        assertThatThrownBy(() -> convert(mailWithAttachment(10, "z".repeat(5000)), MappingOptions.defaults().withMaxStanzaBytes(2000)))
            .isInstanceOfSatisfying(MappingException.class, e -> {
                assertThat(e.getReason()).isEqualTo(MappingException.Reason.TOO_LARGE);
                assertThat(e.dsnStatus()).isEqualTo("5.3.4");
            });
    }

    @Test
    void defaultsShouldStayBelowProsodyS2sCap() {
        assertThat(MappingOptions.defaults().maxStanzaBytes()).isLessThan(512 * 1024);
    }
}
