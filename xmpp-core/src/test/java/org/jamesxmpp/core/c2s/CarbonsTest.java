package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

class CarbonsTest {
    private static final EntityFullJid PHONE = JidCreate.entityFullFromOrThrowUnchecked("bob@james.test/phone");

    private static MessageBuilder message(Message.Type type) {
        return StanzaBuilder.buildMessage("m1")
            .from(JidCreate.fromOrThrowUnchecked("bob@james.test/laptop"))
            .to(JidCreate.fromOrThrowUnchecked("carol@james.test"))
            .ofType(type);
    }

    @Test
    void chatsAndNormalMessagesWithABodyShouldBeCopied() {
        assertThat(Carbons.eligible(message(Message.Type.chat).build())).isTrue();
        assertThat(Carbons.eligible(message(Message.Type.normal).setBody("hi").build())).isTrue();
        assertThat(Carbons.eligible(message(Message.Type.normal).build())).isFalse();
        assertThat(Carbons.eligible(message(Message.Type.groupchat).setBody("hi").build())).isFalse();
        assertThat(Carbons.eligible(message(Message.Type.error).setBody("hi").build())).isFalse();
    }

    @Test
    void privateAndNoCopyMessagesShouldNotBeCopied() {
        assertThat(Carbons.eligible(message(Message.Type.chat)
            .addExtension(StandardExtensionElement.builder("private", CarbonExtension.NAMESPACE).build()).build())).isFalse();
        assertThat(Carbons.eligible(message(Message.Type.chat)
            .addExtension(StandardExtensionElement.builder("no-copy", Carbons.HINTS_NAMESPACE).build()).build())).isFalse();
    }

    @Test
    void copyShouldComeFromTheBareJidAndForwardTheOriginal() {
        Message copy = Carbons.copy(CarbonExtension.Direction.sent, PHONE, message(Message.Type.chat).setBody("hi").build());

        String xml = StanzaCodec.serialize(copy);
        assertThat(xml).contains("from='bob@james.test'", "to='bob@james.test/phone'", "<sent xmlns='urn:xmpp:carbons:2'>",
            "<forwarded xmlns='urn:xmpp:forward:0'>", "<message xmlns='jabber:client'", "<body>hi</body>");
        assertThat(Carbons.eligible(copy)).isFalse();
    }
}
