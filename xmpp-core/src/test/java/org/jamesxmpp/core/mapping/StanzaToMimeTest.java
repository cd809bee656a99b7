package org.jamesxmpp.core.mapping;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.mapping.Fixtures.context;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class StanzaToMimeTest {
    @Test
    void convertShouldWriteVerifiedOriginHeadersFirstWhenChat() throws Exception {
        InboundResult result = StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test/phone' to='bob@james.test' type='chat' id='c1'><body>hi</body></message>"),
            context("a.test"));

        assertThat(result).isInstanceOf(InboundMail.class);
        InboundMail mail = (InboundMail) result;
        assertThat(mail.chat()).isTrue();
        assertThat(mail.sender().asString()).isEqualTo("alice@a.test");
        assertThat(mail.recipients()).extracting(address -> address.asString()).containsExactly("bob@james.test");
        assertThat(Fixtures.text(mail)).startsWith("Authentication-Results: mx.james.test; x-xmpp-s2s=pass (dialback, TLS)\r\n"
            + " smtp.mailfrom=alice@a.test\r\n"
            + "Jabber-ID: alice@a.test\r\n"
            + "X-Xmpp-From: alice@a.test/phone\r\n"
            + "Date: Wed, 25 Nov 2026 12:00:00 +0000\r\n");
        assertThat(mail.messageId()).isEqualTo("<c1.a.test@xmpp-id.invalid>");
    }

    @Test
    void convertShouldKeepThatTheChatAskedForMarkersWhenMarkable() throws Exception {
        InboundResult markable = StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test' to='bob@james.test' type='chat' id='m1'><body>hi</body>"
                + "<markable xmlns='urn:xmpp:chat-markers:0'/></message>"), context("a.test"));
        InboundResult plain = StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test' to='bob@james.test' type='chat' id='m2'><body>hi</body></message>"),
            context("a.test"));

        assertThat(Fixtures.text((InboundMail) markable)).contains("\r\nX-Xmpp-Markable: yes\r\n")
            .doesNotContain("X-Xmpp-From");
        assertThat(Fixtures.text((InboundMail) plain)).doesNotContain("X-Xmpp-Markable");
    }

    @Test
    void convertShouldRecordAClientLoginAsAnAuthResultWhenTheSenderIsOurOwnUser() throws Exception {
        InboundResult result = StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='bob@james.test/phone' to='carol@mail.test' id='c2'><body>hi</body></message>"),
            InboundContext.of(JidCreate.domainBareFrom("james.test"), AuthMethod.CLIENT_SASL_PLAIN, true, "mx.james.test",
                Fixtures.CLOCK));

        assertThat(Fixtures.text((InboundMail) result))
            .startsWith("Authentication-Results: mx.james.test; auth=pass (xmpp c2s, sasl-plain, TLS)\r\n"
                + " smtp.auth=bob@james.test\r\n");
    }

    @Test
    void convertShouldGiveNotMailWhenGroupchat() throws Exception {
        InboundResult result = StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='room@muc.a.test/x' to='bob@james.test' type='groupchat'><body>hi</body></message>"),
            context("muc.a.test"));

        assertThat(result).isEqualTo(new NotMail(NotMail.Kind.GROUPCHAT));
    }

    @Test
    void convertShouldGiveNotMailWhenChatStateOnly() throws Exception {
        InboundResult result = StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test/x' to='bob@james.test' type='chat'>"
                + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>"),
            context("a.test"));

        assertThat(result).isEqualTo(new NotMail(NotMail.Kind.NO_CONTENT));
    }

    @Test
    void convertShouldRefuseWhenSenderOutsidePeerDomain() {
        assertThatThrownBy(() -> StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='ceo@james.test' to='bob@james.test'><body>pay</body></message>"),
            context("a.test")))
            .isInstanceOfSatisfying(MappingException.class,
                e -> assertThat(e.getReason()).isEqualTo(MappingException.Reason.SENDER_NOT_AUTHENTICATED));
    }

    @Test
    void convertShouldUseDisplayNameWhenShimFromMatchesSender() throws Exception {
        InboundMail mail = (InboundMail) StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test' to='bob@james.test'><body>x</body>"
                + "<headers xmlns='http://jabber.org/protocol/shim'><header name='From'>Alice Ärger &lt;alice@a.test&gt;</header></headers></message>"),
            context("a.test"));

        assertThat(Fixtures.text(mail)).contains("\r\nFrom: =?UTF-8?Q?Alice_=C3=84rger?= <alice@a.test>\r\n");
    }

    @Test
    void convertShouldIgnoreShimFromWhenItNamesSomeoneElse() throws Exception {
        InboundMail mail = (InboundMail) StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test' to='bob@james.test'><body>x</body>"
                + "<headers xmlns='http://jabber.org/protocol/shim'><header name='From'>The CEO &lt;ceo@james.test&gt;</header></headers></message>"),
            context("a.test"));

        assertThat(Fixtures.text(mail)).contains("\r\nFrom: alice@a.test\r\n").doesNotContain("CEO");
    }

    @Test
    void toMimeMessageShouldGiveParsableMessage() throws Exception {
        InboundMail mail = (InboundMail) StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test' to='bob@james.test'><subject>Grüße</subject><body>Köln</body></message>"),
            context("a.test"));

        MimeMessage message = mail.toMimeMessage();

        assertThat(message.getSubject()).isEqualTo("Grüße");
        assertThat(message.getContent()).isEqualTo("Köln\r\n");
    }
}
