package org.jamesxmpp.core.s2s.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class XmlBuilderTest {
    @Test
    void elementWithoutContentShouldBeWrittenEmpty() {
        assertThat(XmlBuilder.element("enable").namespace("urn:xmpp:sm:3").toXml())
            .isEqualTo("<enable xmlns='urn:xmpp:sm:3'/>");
    }

    @Test
    void valuesShouldBeEscapedAndKeepTheirOrder() {
        String xml = XmlBuilder.element("db:result")
            .attribute("from", "a'b\"c<d")
            .attribute("to", "x&y")
            .attribute("id", Optional.empty())
            .text("k<e>y&")
            .toXml();

        assertThat(xml).isEqualTo("<db:result from='a&apos;b&quot;c&lt;d' to='x&amp;y'>k&lt;e&gt;y&amp;</db:result>");
    }

    @Test
    void childrenShouldBeWrittenInside() {
        assertThat(XmlBuilder.element("iq").attribute("type", "get")
            .child(XmlBuilder.element("ping").namespace("urn:xmpp:ping")).toXml())
            .isEqualTo("<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
    }

    @Test
    void streamElementsShouldBeWrittenAsPeersExpectThem() {
        assertThat(StreamXml.startTls()).isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(StreamXml.saslExternal("james.test"))
            .isEqualTo("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>amFtZXMudGVzdA==</auth>");
        assertThat(StreamXml.ack(5)).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='5'/>");
        assertThat(StreamXml.ackRequest()).isEqualTo("<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(StreamXml.dialbackVerify("j.test", "a.test", "i'd", "k"))
            .isEqualTo("<db:verify from='j.test' to='a.test' id='i&apos;d'>k</db:verify>");
    }
}
