package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

class ClientStreamManagementTest {
    private final ClientStreamManagement testee = new ClientStreamManagement();

    private static XmlElement sm(String name) {
        return new XmlElement(StreamXml.SM_NAMESPACE, name, Map.of(), ImmutableList.of());
    }

    @Test
    void ackShouldCountTheStanzasHandledSinceEnable() {
        testee.handledStanza();
        assertThat(testee.onElement(sm("enable"), true)).contains(StreamXml.streamManagementEnabled());
        testee.handledStanza();
        testee.handledStanza();

        assertThat(testee.onElement(sm("r"), true)).contains(StreamXml.streamManagementAck(2));
    }

    @Test
    void enableBeforeBindingOrTwiceShouldFail() {
        String failed = StreamXml.streamManagementFailed("unexpected-request");
        assertThat(testee.onElement(sm("enable"), false)).contains(failed);
        assertThat(testee.onElement(sm("enable"), true)).contains(StreamXml.streamManagementEnabled());
        assertThat(testee.onElement(sm("enable"), true)).contains(failed);
    }

    @Test
    void resumeShouldFailAndRequestBeforeEnableShouldGetNothing() {
        assertThat(testee.onElement(sm("resume"), false)).contains(StreamXml.streamManagementFailed("item-not-found"));
        assertThat(testee.onElement(sm("r"), true)).isEmpty();
        assertThat(testee.enabled()).isFalse();
    }
}
