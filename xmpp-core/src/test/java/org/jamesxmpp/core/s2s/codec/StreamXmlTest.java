package org.jamesxmpp.core.s2s.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamXmlTest {
    @Test
    void negotiationElementsShouldBeWrittenAsPeersExpectThem() {
        assertThat(StreamXml.startTls()).isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(StreamXml.saslExternal("james.test"))
            .isEqualTo("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>amFtZXMudGVzdA==</auth>");
        assertThat(StreamXml.enableStreamManagement()).isEqualTo("<enable xmlns='urn:xmpp:sm:3'/>");
        assertThat(StreamXml.ackRequest()).isEqualTo("<r xmlns='urn:xmpp:sm:3'/>");
    }

    @Test
    void dialbackElementsShouldEscapeTheirValues() {
        assertThat(StreamXml.dialbackResult("j.test", "a'.test", "k<"))
            .isEqualTo("<db:result from='j.test' to='a&apos;.test'>k&lt;</db:result>");
        assertThat(StreamXml.dialbackVerify("j.test", "a.test", "i'd", "k&"))
            .isEqualTo("<db:verify from='j.test' to='a.test' id='i&apos;d'>k&amp;</db:verify>");
    }

    @Test
    void pingShouldCarryItsNamespaceOnItsChild() {
        assertThat(StreamXml.ping("j.test", "a.test", "p1"))
            .isEqualTo("<iq type='get' from='j.test' to='a.test' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
    }
}
