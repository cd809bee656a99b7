package org.jamesxmpp.core.s2s.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParser.Event;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser over decoded elements must report what Smack's own StAX parser reports for the same element written out
 * ({@link XmlElement#toXml}), event by event, and Smack must build the same stanza from both.
 */
class XmlElementPullParserTest {
    private static final NamespaceRewrite SERVER_AS_CLIENT =
        namespace -> "jabber:server".equals(namespace) ? "jabber:client" : namespace;

    private static final String RICH_HEAD = "<message from='alice@a.test/r' to='bob@james.test' id='m&amp;1' type='chat'"
        + " xml:lang='en'>\n  <subject>Re: &lt;b&gt; &amp; \"q\" 'a'</subject>\n"
        + "  <body xml:lang='de'>line1&#13;\nline2&#13;line3 &lt;&gt;&amp;&quot;&apos; \uD83D\uDE00 \u00e9</body>\n"
        + "  <body>second</body>\n"
        + "  <thread parent='p-1'>t-1</thread>\n"
        + "  <delay xmlns='urn:xmpp:delay' from='a.test' stamp='2026-12-04T03:00:01.123Z'>queued</delay>\n";

    private static final String UNKNOWN_EXTENSION = "  <x xmlns='urn:example:ext' k='v&amp;&quot;&apos;&lt;'"
        + " tab='a&#9;b&#10;c'><a xmlns='urn:example:inner' n='1'>"
        + "<b>deep <i>text</i> tail</b></a>mixed<empty/></x>\n";

    private static final String RICH_TAIL = "  <html xmlns='http://jabber.org/protocol/xhtml-im'>"
        + "<body xmlns='http://www.w3.org/1999/xhtml'><p style='a:b'>Hi <strong>there</strong> &amp; you</p></body></html>\n"
        + "  <request xmlns='urn:xmpp:receipts'/><active xmlns='http://jabber.org/protocol/chatstates'/>\n"
        + "  <reply xmlns='urn:xmpp:reply:0' to='alice@a.test/r' id='orig'/>"
        + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='7'/></fallback>\n"
        + "  <origin-id xmlns='urn:xmpp:sid:0' id='o-1'/><markable xmlns='urn:xmpp:chat-markers:0'/>\n"
        + "</message>";

    private static final String RICH = RICH_HEAD + UNKNOWN_EXTENSION + RICH_TAIL;

    private static final String RICH_KNOWN = RICH_HEAD + RICH_TAIL;

    private static final String ERROR = "<message from='a.test' to='bob@james.test' type='error' id='e1'>"
        + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>gone &amp; away</text></error></message>";

    private static final String PRESENCE = "<presence from='alice@a.test/r' to='bob@james.test'><show>away</show>"
        + "<status>out &lt;lunch&gt;</status><priority>5</priority>"
        + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v='/></presence>";

    private static final String IQ = "<iq from='a.test' to='james.test' id='i1' type='get'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info' node='x'/></iq>";

    private static final String EMPTY_BODY = "<message from='alice@a.test' to='bob@james.test'><body/><body></body>"
        + "<subject>   </subject></message>";

    @ParameterizedTest
    @ValueSource(strings = {RICH, ERROR, PRESENCE, IQ, EMPTY_BODY})
    void reportsTheEventsSmacksStaxParserReportsForTheWrittenElement(String xml) throws Exception {
        XmlElement element = StandaloneStanzas.element(xml, 1 << 20);
        XmlPullParser stax = PacketParserUtils.getParserFor(element.toXml(SERVER_AS_CLIENT));

        assertThat(events(new XmlElementPullParser(element, SERVER_AS_CLIENT))).containsExactlyElementsOf(events(stax));
    }

    /** Without RICH: its unknown extension trips Smack's assertion on Aalto's "" prefix (see {@link #defaultAsNull}). */
    @ParameterizedTest
    @ValueSource(strings = {ERROR, PRESENCE, IQ, EMPTY_BODY, RICH_KNOWN})
    void smackBuildsTheSameStanzaAsFromTheWrittenElement(String xml) throws Exception {
        SmackBootstrap.initialize();
        XmlElement element = StandaloneStanzas.element(xml, 1 << 20);

        Stanza direct = StanzaCodec.parse(element);
        Stanza reread = PacketParserUtils.parseStanza(element.toXml(SERVER_AS_CLIENT));

        assertThat(direct.toXML(XmlEnvironment.EMPTY).toString()).isEqualTo(reread.toXML(XmlEnvironment.EMPTY).toString());
    }

    @Test
    void keepsEscapedCharactersNamespacesAttributesAndNestedExtensions() {
        Message message = (Message) StanzaCodec.parse(StandaloneStanzas.element(RICH, 1 << 20));

        assertThat(message.getStanzaId()).isEqualTo("m&1");
        assertThat(message.getLanguage()).isEqualTo("en");
        assertThat(message.getSubject()).isEqualTo("Re: <b> & \"q\" 'a'");
        assertThat(message.getBody("de")).isEqualTo("line1\nline2\nline3 <>&\"' \uD83D\uDE00 \u00e9");
        assertThat(message.getThread()).isEqualTo("t-1");
        DelayInformation delay = message.getExtension(DelayInformation.class);
        assertThat(delay.getStamp().getTime()).isEqualTo(1_796_353_201_123L);
        assertThat(delay.getReason()).isEqualTo("queued");
        StandardExtensionElement extension = (StandardExtensionElement) message.getExtensionElement("x", "urn:example:ext");
        assertThat(extension.getAttributes()).containsOnlyKeys("k", "tab");
        assertThat(extension.getAttributeValue("k")).isEqualTo("v&\"'<");
        assertThat(extension.getAttributeValue("tab")).isEqualTo("a\tb\nc");
        assertThat(extension.getText()).isEqualTo("mixed");
        StandardExtensionElement inner = extension.getFirstElement("a", "urn:example:inner");
        assertThat(inner.getAttributeValue("n")).isEqualTo("1");
        assertThat(inner.getFirstElement("b").getText()).isEqualTo(" tail");
        assertThat(inner.getFirstElement("b").getFirstElement("i").getText()).isEqualTo("text");
        assertThat(extension.getFirstElement("empty")).isNotNull();
    }

    @Test
    void nextTextRefusesElementContentAsStaxDoes() {
        XmlElement element = StandaloneStanzas.element("<message><body>a<b/>c</body></message>", 1 << 20);
        XmlElementPullParser parser = new XmlElementPullParser(element, SERVER_AS_CLIENT);

        assertThatThrownBy(() -> {
            parser.next();
            parser.nextText();
        }).hasMessageContaining("<b>");
    }

    @Test
    void theDecoderStillRefusesWhatNoStanzaMayContain() {
        assertThatThrownBy(() -> StandaloneStanzas.element("<message><body>&#1;</body></message>", 1 << 20))
            .isInstanceOf(StreamException.class);
        assertThatThrownBy(() -> StandaloneStanzas.element("<!DOCTYPE x [<!ENTITY e 'x'>]><message/>", 1 << 20))
            .isInstanceOf(StreamException.class);
        assertThatThrownBy(() -> StandaloneStanzas.element("<message><body>&e;</body></message>", 1 << 20))
            .isInstanceOf(StreamException.class);
    }

    /**
     * Aalto names the default namespace "" where Smack's interface asks for null (its StandardExtensionElementProvider
     * asserts it, and without assertions turns "" into a bogus {@code xmlns:} attribute): ours answers null.
     */
    private static String defaultAsNull(String prefix) {
        return prefix == null || prefix.isEmpty() ? null : prefix;
    }

    /** Every event with what a provider can ask at it; consecutive text events of StAX as one. */
    private static List<String> events(XmlPullParser parser) throws Exception {
        List<String> events = new ArrayList<>();
        StringBuilder pendingText = null;
        int pendingDepth = 0;
        for (Event event = parser.getEventType(); event != Event.END_DOCUMENT; event = parser.next()) {
            if (event == Event.TEXT_CHARACTERS) {
                if (pendingText == null) {
                    pendingText = new StringBuilder();
                    pendingDepth = parser.getDepth();
                }
                pendingText.append(parser.getText());
                continue;
            }
            if (pendingText != null) {
                events.add("TEXT depth=" + pendingDepth + " ns=" + parser.getNamespace(null) + " [" + pendingText + "]");
                pendingText = null;
            }
            StringBuilder line = new StringBuilder(event + " depth=" + parser.getDepth());
            if (event == Event.START_ELEMENT || event == Event.END_ELEMENT) {
                line.append(' ').append(parser.getName()).append(" ns=").append(parser.getNamespace())
                    .append(" prefix=").append(parser.getPrefix()).append(" qname=").append(parser.getQName())
                    .append(" xml=").append(parser.getNamespace("xml"));
            }
            if (event == Event.START_ELEMENT) {
                line.append(" nscount=").append(parser.getNamespaceCount());
                for (int i = 0; i < parser.getNamespaceCount(); i++) {
                    line.append(" xmlns:").append(defaultAsNull(parser.getNamespacePrefix(i))).append('=').append(parser.getNamespaceUri(i));
                }
                for (int i = 0; i < parser.getAttributeCount(); i++) {
                    line.append(" @").append(parser.getAttributePrefix(i)).append(':').append(parser.getAttributeName(i))
                        .append('{').append(parser.getAttributeNamespace(i)).append("}=").append(parser.getAttributeValue(i));
                }
                line.append(" lang=").append(parser.getAttributeValue("http://www.w3.org/XML/1998/namespace", "lang"))
                    .append(" id=").append(parser.getAttributeValue("id"));
            }
            events.add(line.toString());
        }
        return events;
    }
}
