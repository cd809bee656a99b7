package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class OriginalMimeTest {
    private static final byte[] MAIL = crlf("From: Bob <bob@james.test>\nTo: alice@a.test\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\n"
        + "Date: Wed, 25 Nov 2026 10:00:00 +0100\nMessage-ID: <orig@james.test>\nX-Custom: stays\nMIME-Version: 1.0\n"
        + "Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain; charset=iso-8859-1\n"
        + "Content-Transfer-Encoding: quoted-printable\n\nK=F6ln\n--q\nContent-Type: application/zip\n"
        + "Content-Transfer-Encoding: base64\n\nUEsDBA==\n--q--\n");

    private static InboundMail throughXmpp(byte[] mail) throws Exception {
        OutboundStanza stanza = MimeToStanza.convert(mail, address("bob@james.test"), List.of(address("alice@a.test")),
            MappingOptions.defaults().withOriginalMime(true)).stanzas().get(0);
        return (InboundMail) StanzaToMime.convert(ServerStanzaParser.parseMessage(stanza.xml()), Fixtures.context("james.test"));
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
}
