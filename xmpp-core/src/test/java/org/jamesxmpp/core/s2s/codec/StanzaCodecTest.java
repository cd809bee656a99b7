package org.jamesxmpp.core.s2s.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class StanzaCodecTest {
    private static XmlElement text(String name, String value) {
        return new XmlElement("jabber:server", name, Map.of(), List.of(new XmlText(value)));
    }

    @Test
    void parseShouldReadBodySubjectAndThreadOfJabberServerStanzas() {
        XmlElement element = new XmlElement("jabber:server", "message",
            Map.of("from", "alice@a.test/r", "to", "bob@james.test", "id", "x1", "type", "chat"),
            List.of(text("subject", "Hi"), text("body", "Hello <there>"), text("thread", "t-1")));

        Message message = (Message) StanzaCodec.parse(element);

        assertThat(message.getBody()).isEqualTo("Hello <there>");
        assertThat(message.getSubject()).isEqualTo("Hi");
        assertThat(message.getThread()).isEqualTo("t-1");
        assertThat(message.getType()).isEqualTo(Message.Type.chat);
        assertThat(message.getStanzaId()).isEqualTo("x1");
    }

    @Test
    void serializeShouldWriteNoNamespaceSoTheStanzaInheritsJabberServer() throws Exception {
        Message message = StanzaBuilder.buildMessage("m1")
            .from(JidCreate.from("bob@james.test"))
            .to(JidCreate.from("alice@a.test"))
            .setBody("it's <b>")
            .build();

        String xml = StanzaCodec.serialize(message);

        assertThat(xml).startsWith("<message").doesNotContain("xmlns='jabber:client'");
        assertThat(xml).contains("<body>it's &lt;b></body>");
    }

    @Test
    void parseShouldRefuseGarbageWithBadFormat() {
        XmlElement element = new XmlElement("jabber:server", "iq", Map.of("type", "nonsense"), List.of());

        assertThatThrownBy(() -> StanzaCodec.parse(element))
            .isInstanceOfSatisfying(StreamException.class,
                error -> assertThat(error.condition()).isEqualTo(StreamErrorCondition.BAD_FORMAT));
    }
}
