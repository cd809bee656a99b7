package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"5a8c1e0f-0d1b", "gajim.77", "a b<c>@d", "Ünïcødé", "x@y@z", "%41", "abc@james.test"})
    void stanzaIdShouldSurviveMsgIdWhenMappedBack(String stanzaId) {
        String msgId = MessageIds.toMsgId(stanzaId, "a.test");

        assertThat(MessageIds.parseMsgIds(msgId)).hasSize(1);
        assertThat(MessageIds.toStanzaId(MessageIds.firstMsgId(msgId).get())).isEqualTo(stanzaId);
    }

    @Test
    void toMsgIdShouldKeepMsgIdFormWhenAlreadyOne() {
        assertThat(MessageIds.toMsgId("abc@james.test", "a.test")).isEqualTo("<abc@james.test>");
    }

    @Test
    void parseMsgIdsShouldIgnoreGarbageWhenHeaderIsBroken() {
        assertThat(MessageIds.parseMsgIds("<a@b> junk <c d@e> <@x> <f@g>")).containsExactly("a@b", "f@g");
    }
}
