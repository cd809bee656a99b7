package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.mapping.InboundContext;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.mapping.StanzaToMime;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.StandaloneStanzas;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

class DisplayedMarkersTest {
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@james.test");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    /** The mail the mapping makes of a stanza from a.test, as stored in Bob's Chats. */
    private static byte[] stored(String stanza) throws Exception {
        InboundContext context = InboundContext.of(JidCreate.domainBareFrom("a.test"), AuthMethod.DIALBACK, true,
            "mx.james.test", CLOCK);
        return ((InboundMail) StanzaToMime.convert(StandaloneStanzas.parseMessage(stanza, S2sSettings.DEFAULT_MAX_STANZA_SIZE),
            context)).mimeBytes();
    }

    @Test
    void aMarkableChatShouldGiveADisplayedMarkerToTheSendersResource() throws Exception {
        byte[] mail = stored("<message xmlns='jabber:server' from='alice@a.test/phone' to='bob@james.test' type='chat'"
            + " id='hello-1'><body>hi</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>");

        Optional<Message> testee = DisplayedMarkers.of(BOB, mail);

        assertThat(testee).isPresent();
        assertThat(testee.get().getFrom().toString()).isEqualTo(BOB.toString());
        assertThat(testee.get().getTo().toString()).isEqualTo("alice@a.test/phone");
        assertThat(testee.get().getType()).isEqualTo(Message.Type.chat);
        assertThat(testee.get().getBody()).isNull();
        ChatMarkersElements.DisplayedExtension displayed = testee.get().getExtension(ChatMarkersElements.DisplayedExtension.class);
        assertThat(displayed.getId()).isEqualTo("hello-1");
        assertThat(testee.get().toXML().toString()).contains("<displayed xmlns='urn:xmpp:chat-markers:0' id='hello-1'/>");
    }

    @Test
    void theBareJidShouldBeTheAddressWhenTheSenderHadNoResource() throws Exception {
        byte[] mail = stored("<message xmlns='jabber:server' from='alice@a.test' to='bob@james.test' type='chat'"
            + " id='hello-2'><body>hi</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>");

        assertThat(DisplayedMarkers.of(BOB, mail)).map(message -> message.getTo().toString()).contains("alice@a.test");
    }

    @Test
    void aChatThatAskedForNoMarkersShouldGiveNone() throws Exception {
        byte[] mail = stored("<message xmlns='jabber:server' from='alice@a.test/phone' to='bob@james.test' type='chat'"
            + " id='hello-3'><body>hi</body></message>");

        assertThat(DisplayedMarkers.of(BOB, mail)).isEmpty();
    }

    @Test
    void theReadersOwnChatShouldGiveNone() throws Exception {
        byte[] mail = stored("<message xmlns='jabber:server' from='alice@a.test/phone' to='bob@james.test' type='chat'"
            + " id='hello-4'><body>hi</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>");

        assertThat(DisplayedMarkers.of(JidCreate.entityBareFrom("alice@a.test"), mail)).isEmpty();
    }

    @Test
    void aMailNotFromXmppShouldGiveNoneWhateverItClaims() {
        byte[] mail = ("From: alice@a.test\r\nTo: bob@james.test\r\nMessage-ID: <x@a.test>\r\nX-Xmpp-Markable: yes\r\n\r\nhi\r\n")
            .getBytes(StandardCharsets.US_ASCII);

        assertThat(DisplayedMarkers.of(BOB, mail)).isEmpty();
    }
}
