package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.junit.jupiter.api.Test;

class OriginalMimeTest {
    private static final byte[] MAIL = crlf("From: Bob <bob@james.test>\nTo: alice@a.test\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\n"
        + "Date: Wed, 25 Nov 2026 10:00:00 +0100\nMessage-ID: <orig@james.test>\nX-Custom: stays\nMIME-Version: 1.0\n"
        + "Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain; charset=iso-8859-1\n"
        + "Content-Transfer-Encoding: quoted-printable\n\nK=F6ln\n--q\nContent-Type: application/zip\n"
        + "Content-Transfer-Encoding: base64\n\nUEsDBA==\n--q--\n");

    private static InboundMail throughXmpp(byte[] mail) throws Exception {
        return throughXmpp(mail, Fixtures.trustedContext("james.test"));
    }

    private static InboundMail throughXmpp(byte[] mail, InboundContext context) throws Exception {
        EncodedMail.Recipient stanza = MailEncoder.encode(mail, address("bob@james.test"), List.of(address("alice@a.test")),
            MappingOptions.defaults().withOriginalMime(true)).stanzas().get(0);
        return (InboundMail) StanzaToMime.convert(Fixtures.parse(stanza.stanza().xml()), context);
    }

    /** A stanza of bob@james.test with a hand-made original MIME element (MimeToStanza would not write bare CRs). */
    private static InboundResult withOriginal(byte[] original) throws Exception {
        String xml = "<message xmlns='jabber:server' from='bob@james.test' to='alice@a.test' id='m1'><body>text</body>"
            + OriginalMimeElement.of(original).toXML() + "</message>";
        return StanzaToMime.convert(Fixtures.parse(xml), Fixtures.trustedContext("james.test"));
    }

    @Test
    void receivingSideShouldStoreIdenticalBytesAfterTraceHeadersWhenPeerIsJamesXmpp() throws Exception {
        byte[] received = throughXmpp(MAIL).mimeBytes();
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int traceLength = text.indexOf("From: Bob");

        assertThat(text.substring(0, traceLength)).startsWith("Authentication-Results: ").contains("\r\nJabber-ID: bob@james.test\r\n");
        assertThat(Arrays.copyOfRange(received, traceLength, received.length)).isEqualTo(MAIL);
    }

    @Test
    void receivingSideShouldRemoveReceiverOnlyHeadersWhenSenderSuppliedThem() throws Exception {
        byte[] forged = crlf("Authentication-Results: mx.james.test; x-xmpp-s2s=pass\n (forged) smtp.mailfrom=ceo@a.test\n"
            + "From: bob@james.test\nJabber-ID: ceo@a.test\nX-Xmpp-Type: headline\nSubject: s\n\nbody\n");

        String text = Fixtures.text(throughXmpp(forged));

        assertThat(text).doesNotContain("forged").doesNotContain("ceo@").doesNotContain("headline");
        assertThat(text).endsWith("From: bob@james.test\r\nSubject: s\r\n\r\nbody\r\n");
    }

    @Test
    void messageIdShouldComeFromOriginalWhenCarried() throws Exception {
        assertThat(throughXmpp(MAIL).messageId()).isEqualTo("<orig@james.test>");
    }

    @Test
    void originalMimeShouldBeIgnoredWhenThePeerIsNotConfigured() throws Exception {
        byte[] forged = crlf("From: Boss <boss@james.test>\nX-Custom: from-the-peer\nSubject: s\n\nforged body\n");

        String text = Fixtures.text(throughXmpp(forged, Fixtures.context("james.test")));

        assertThat(text).doesNotContain("boss@").doesNotContain("X-Custom").contains("From: bob@james.test\r\n");
    }

    @Test
    void fromShouldBeTheAuthenticatedSenderWhenTheOriginalClaimsAnotherAddress() throws Exception {
        byte[] forged = crlf("From: Boss <boss@james.test>\nSender: boss@james.test\nSubject: s\n\nbody\n");

        String text = Fixtures.text(throughXmpp(forged));

        assertThat(text).doesNotContain("boss@").contains("\r\nFrom: bob@james.test\r\n");
        assertThat(text.split("\r\nFrom: ", -1)).hasSize(2);
    }

    @Test
    void fromShouldKeepItsDisplayNameWhenItIsTheAuthenticatedSender() throws Exception {
        byte[] mail = crlf("From: Bob <bob@james.test>\nSubject: s\n\nbody\n");

        assertThat(Fixtures.text(throughXmpp(mail))).endsWith("From: Bob <bob@james.test>\r\nSubject: s\r\n\r\nbody\r\n");
    }

    @Test
    void receivedAndReturnPathOfThePeerShouldBeRemoved() throws Exception {
        byte[] forged = crlf("Received: from trusted.example by mx.james.test; Wed, 25 Nov 2026 10:00:00 +0100\n"
            + "Return-Path: <boss@james.test>\nFrom: bob@james.test\nSubject: s\n\nbody\n");

        String text = Fixtures.text(throughXmpp(forged));

        assertThat(text).doesNotContain("trusted.example").doesNotContain("boss@");
    }

    @Test
    void bareCarriageReturnInTheHeaderSectionShouldBeRefused() {
        byte[] forged = ("X-A: b\rAuthentication-Results: mx.james.test; x-xmpp-s2s=pass smtp.mailfrom=boss@james.test\r\n"
            + "From: bob@james.test\r\nSubject: s\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> withOriginal(forged))
            .isInstanceOfSatisfying(MappingException.class, error -> assertThat(error.getReason())
                .isEqualTo(MappingException.Reason.MALFORMED_MIME));
    }

    @Test
    void bareCarriageReturnEndingTheHeaderSectionForJavaMailShouldBeRefused() {
        byte[] forged = ("From: bob@james.test\r\nX-A: b\r\rAuthentication-Results: mx.james.test; x-xmpp-s2s=pass\r\n"
            + "Subject: s\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> withOriginal(forged)).isInstanceOf(MappingException.class);
    }
}
