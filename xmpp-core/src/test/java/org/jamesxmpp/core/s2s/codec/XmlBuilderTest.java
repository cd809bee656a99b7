package org.jamesxmpp.core.s2s.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class XmlBuilderTest {
    @Test
    void toXmlShouldEscapeAttributesAndText() {
        String xml = XmlBuilder.element("urn:x", "e").attribute("a", "'<&>\"\n").text("<&>'").toXml();

        assertThat(xml).isEqualTo("<e xmlns='urn:x' a='&apos;&lt;&amp;&gt;&quot;&#10;'>&lt;&amp;&gt;'</e>");
    }

    @Test
    void childShouldDeclareItsNamespaceOnlyWhenItDiffersFromItsParent() {
        String xml = XmlBuilder.element("urn:a", "p")
            .child(XmlBuilder.element("urn:a", "same"))
            .child(XmlBuilder.element("inherited"))
            .child(XmlBuilder.element("urn:b", "other").child(XmlBuilder.element("deeper")))
            .toXml();

        assertThat(xml).isEqualTo("<p xmlns='urn:a'><same/><inherited/><other xmlns='urn:b'><deeper/></other></p>");
    }

    @Test
    void absentOptionalAttributeShouldNotBeWritten() {
        assertThat(XmlBuilder.element("db:result").attribute("to", Optional.empty()).attribute("from", "a").toXml())
            .isEqualTo("<db:result from='a'/>");
    }

    @Test
    void featuresShouldBeWrittenAsOnTheWire() {
        String features = StreamXml.features(List.of(StreamXml.startTlsFeature(false),
            StreamXml.saslMechanismsFeature(List.of("EXTERNAL")), StreamXml.dialbackFeature(),
            StreamXml.streamManagementFeature()));

        assertThat(features).isEqualTo("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
            + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>EXTERNAL</mechanism></mechanisms>"
            + "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback><sm xmlns='urn:xmpp:sm:3'/>"
            + "</stream:features>");
    }

    @Test
    void requiredStartTlsShouldCarryRequired() {
        assertThat(StreamXml.startTlsFeature(true).toXml())
            .isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>");
    }

    @Test
    void streamErrorShouldMatchTheConditionsOwnXml() {
        for (StreamErrorCondition condition : StreamErrorCondition.values()) {
            assertThat(StreamXml.streamError(condition)).isEqualTo(condition.toXml());
        }
    }

    @Test
    void negotiationAnswersShouldBeWrittenAsOnTheWire() {
        assertThat(StreamXml.saslFailure("not-authorized"))
            .isEqualTo("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
        assertThat(StreamXml.streamManagementFailed("unexpected-request")).isEqualTo("<failed xmlns='urn:xmpp:sm:3'>"
            + "<unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
        assertThat(StreamXml.streamManagementAck(4294967295L)).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='4294967295'/>");
    }
}
