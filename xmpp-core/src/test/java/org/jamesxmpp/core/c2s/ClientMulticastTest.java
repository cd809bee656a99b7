package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

class ClientMulticastTest {
    private static XmlElement message(String addresses) {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(64 * 1024));
        channel.writeInbound(Unpooled.copiedBuffer("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='james.test' version='1.0'><message to='james.test' id='m1'><body>hi</body>"
            + "<addresses xmlns='http://jabber.org/protocol/address'>" + addresses + "</addresses></message>",
            StandardCharsets.UTF_8));
        channel.readInbound();
        return channel.readInbound();
    }

    private static String condition(String addresses) {
        XmlElement block = ClientMulticast.addresses(message(addresses)).orElseThrow();
        return ClientMulticast.check(block).map(ClientMulticast.Refusal::condition).orElse("accepted");
    }

    @Test
    void toCcAndBccUsersShouldBeAccepted() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test' desc='Ann'/><address type='cc' jid='ben@mailonly.test'/>"
            + "<address type='bcc' jid='cid@mailonly.test/phone'/><address type='replyto' uri='mailto:team@mailonly.test'/>"))
            .isEqualTo("accepted");
    }

    @Test
    void noAddressShouldBeABadRequest() {
        assertThat(condition("")).isEqualTo("bad-request");
    }

    @Test
    void onlyDeliveredOrReplyAddressesShouldBeABadRequest() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test' delivered='true'/>"
            + "<address type='replyto' jid='ben@mailonly.test'/>")).isEqualTo("bad-request");
    }

    @Test
    void malformedJidShouldBeRefusedAsJidMalformed() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='cc' jid='a@b@c'/>"))
            .isEqualTo("jid-malformed");
    }

    @Test
    void recipientWithoutLocalPartShouldBeRefusedAsJidMalformed() {
        assertThat(condition("<address type='bcc' jid='mailonly.test'/>")).isEqualTo("jid-malformed");
    }

    @Test
    void recipientAsUriShouldBeRefusedAsJidMalformed() {
        assertThat(condition("<address type='to' uri='mailto:ann@mailonly.test'/>")).isEqualTo("jid-malformed");
    }

    @Test
    void replyToThatIsNoAddressShouldBeRefusedAsJidMalformed() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='replyto' uri='http://example.test/'/>"))
            .isEqualTo("jid-malformed");
    }

    @Test
    void noreplyWithAnAddressShouldBeABadRequest() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='noreply' jid='ben@mailonly.test'/>"))
            .isEqualTo("bad-request");
    }

    @Test
    void noreplyWithReplyToShouldBeABadRequest() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='noreply'/>"
            + "<address type='replyto' jid='ben@mailonly.test'/>")).isEqualTo("bad-request");
    }

    @Test
    void noreplyAloneShouldBeAccepted() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='noreply'/>")).isEqualTo("accepted");
    }

    @Test
    void unknownTypeOrOfromShouldBeABadRequest() {
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='sometimes' jid='ben@mailonly.test'/>"))
            .isEqualTo("bad-request");
        assertThat(condition("<address type='to' jid='ann@mailonly.test'/><address type='ofrom' jid='ben@mailonly.test'/>"))
            .isEqualTo("bad-request");
    }

    @Test
    void refusalShouldBeAModifyErrorWithItsText() {
        String xml = ClientMulticast.check(ClientMulticast.addresses(message("<address type='to' jid='a@b@c'/>")).orElseThrow())
            .orElseThrow().toXml("m1", "james.test");

        assertThat(xml).startsWith("<message type='error' id='m1' from='james.test'>")
            .contains("<error type='modify'><jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>")
            .contains("<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>not a user's address: a@b@c</text>");
    }
}
