package org.jamesxmpp.core.s2s.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.io.BaseEncoding;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class XmppStreamDecoderTest {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
        + " from='a.test' to='james.test' version='1.0'>";
    static final int MAX = 1024;

    List<Throwable> errors = new ArrayList<>();
    XmppStreamDecoder testee;
    EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        testee = new XmppStreamDecoder(MAX);
        channel = new EmbeddedChannel(testee, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });
    }

    private void feed(String xml) {
        channel.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
    }

    private List<Object> events() {
        List<Object> events = new ArrayList<>();
        Object event;
        while ((event = channel.readInbound()) != null) {
            events.add(event);
        }
        return events;
    }

    private Optional<StreamErrorCondition> error() {
        return errors.stream().findFirst()
            .filter(StreamException.class::isInstance)
            .map(error -> ((StreamException) error).condition());
    }

    @Test
    void headerShouldBeDecodedWithItsAttributesAndNamespaces() {
        feed(HEADER);

        assertThat(events()).containsExactly(new StreamHeader(
            Map.of("from", "a.test", "to", "james.test", "version", "1.0"), "jabber:server", true));
    }

    @Test
    void elementShouldBeDecodedWhenSplitAcrossReads() {
        feed(HEADER);
        events();

        feed("<message from='alice@a.test' to='bob@james.test'><bo");
        assertThat(events()).isEmpty();
        feed("dy>hi &amp; bye</body></message>");

        List<Object> events = events();
        assertThat(events).hasSize(1);
        XmlElement message = (XmlElement) events.get(0);
        assertThat(message.namespace()).isEqualTo("jabber:server");
        assertThat(message.attribute("to")).contains("bob@james.test");
        assertThat(message.child("jabber:server", "body").map(XmlElement::text)).contains("hi & bye");
    }

    @Test
    void prefixedDialbackElementShouldBeResolvedToItsNamespace() {
        feed(HEADER + "<db:result from='a.test' to='james.test'>abc</db:result>");

        XmlElement result = (XmlElement) events().get(1);
        assertThat(result.is("jabber:server:dialback", "result")).isTrue();
        assertThat(result.text()).isEqualTo("abc");
    }

    @Test
    void streamEndShouldBeDecoded() {
        feed(HEADER + "</stream:stream>");

        assertThat(events()).endsWith(StreamEnd.INSTANCE);
    }

    @Test
    void oversizedElementShouldBePolicyViolationBeforeItEnds() {
        feed(HEADER + "<message><body>" + "x".repeat(MAX + 1));

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void endlessStartTagShouldBePolicyViolationBeforeItEnds() {
        feed(HEADER + "<message a='");

        for (int i = 0; i < 4 && errors.isEmpty(); i++) {
            feed("x".repeat(MAX / 2));
        }

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void endlessCommentShouldBePolicyViolationBeforeItEnds() {
        feed(HEADER);
        feed("<!--");

        for (int i = 0; i < 4 && errors.isEmpty(); i++) {
            feed("x".repeat(MAX / 2));
        }

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void endlessStartTagAfterAStanzaShouldBePolicyViolation() {
        feed(HEADER + "<message/><presence a='");

        for (int i = 0; i < 4 && errors.isEmpty(); i++) {
            feed("x".repeat(MAX / 2));
        }

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void endlessStartTagAfterARestartShouldBePolicyViolation() {
        feed(HEADER);
        testee.restart();
        feed(HEADER + "<message a='");

        for (int i = 0; i < 4 && errors.isEmpty(); i++) {
            feed("x".repeat(MAX / 2));
        }

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void manyStanzasShouldPassWhenEachIsUnderTheLimit() {
        feed(HEADER);
        String element = "<message><body>" + "x".repeat(MAX - 40) + "</body></message>";

        for (int i = 0; i < 10; i++) {
            feed(element + " ");
        }

        assertThat(errors).isEmpty();
        assertThat(events()).hasSize(11);
    }

    @Test
    void whitespaceKeepalivesShouldNotAddUpToTheLimit() {
        feed(HEADER);

        for (int i = 0; i < 4; i++) {
            feed(" ".repeat(MAX / 2));
        }
        feed("<message/>");

        assertThat(errors).isEmpty();
        assertThat(events()).hasSize(2);
    }

    @Test
    void elementJustUnderTheLimitShouldPass() {
        String element = "<message><body>" + "x".repeat(MAX - 40) + "</body></message>";
        feed(HEADER + element);

        assertThat(errors).isEmpty();
        assertThat(events()).hasSize(2);
    }

    @Test
    void headerAndALargeStanzaShouldPassWhenTheyArriveInOneRead() {
        EmbeddedChannel large = new EmbeddedChannel(new XmppStreamDecoder(64 * 1024));
        String element = "<message><body>" + "x".repeat(30 * 1024) + "</body></message>";

        large.writeInbound(Unpooled.copiedBuffer(HEADER + element, StandardCharsets.UTF_8));

        assertThat((Object) large.readInbound()).isInstanceOf(StreamHeader.class);
        assertThat((Object) large.readInbound()).isInstanceOf(XmlElement.class);
        large.checkException();
    }

    @Test
    void dtdShouldBeRestrictedXml() {
        feed("<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x 'boom'>]>" + HEADER);

        assertThat(error()).contains(StreamErrorCondition.RESTRICTED_XML);
        assertThat(events()).isEmpty();
    }

    @Test
    void elementWithTooManyAttributesShouldBePolicyViolation() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i <= XmlLimits.DEFAULT_MAX_ATTRIBUTES; i++) {
            attributes.append(" a").append(i).append("='x'");
        }
        feed(HEADER + "<message" + attributes + "/>");

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
        assertThat(events()).hasSize(1);
    }

    @Test
    void configuredXmlLimitsShouldBeTheOnesEnforced() {
        channel = new EmbeddedChannel(new XmppStreamDecoder(MAX, new XmlLimits(1024, 4, 8)),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    errors.add(cause);
                }
            });

        feed(HEADER + "<message><a><b/></a></message>");
        assertThat(error()).isEmpty();
        feed("<message a1='1' a2='2' a3='3' a4='4' a5='5' a6='6' a7='7' a8='8' a9='9'/>");

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
        assertThat(errors.get(0)).hasMessageContaining("more than 8 attributes");
    }

    @Test
    void elementsDeeperThanTheConfiguredDepthShouldBePolicyViolation() {
        channel = new EmbeddedChannel(new XmppStreamDecoder(MAX, new XmlLimits(1024, 4, 8)),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    errors.add(cause);
                }
            });

        feed(HEADER + "<message><a><b><c><d/></c></b></a></message>");

        assertThat(error()).contains(StreamErrorCondition.POLICY_VIOLATION);
        assertThat(errors.get(0)).hasMessageContaining("nested too deep");
    }

    @Test
    void elementWithTheMostAttributesAllowedShouldPass() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < XmlLimits.DEFAULT_MAX_ATTRIBUTES; i++) {
            attributes.append(" a").append(i).append("='x'");
        }
        feed(HEADER + "<message" + attributes + "/>");

        assertThat(error()).isEmpty();
        assertThat(events()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "263030", "C328", "C0BC", "E080BC", "EDA080", "F4908080", "F8"})
    void nulAndInvalidUtf8ShouldBeNotWellFormed(String hex) {
        feed(HEADER);
        channel.writeInbound(Unpooled.wrappedBuffer(("<message><body>a").getBytes(StandardCharsets.UTF_8),
            BaseEncoding.base16().decode(hex), "b</body></message>".getBytes(StandardCharsets.UTF_8)));

        assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class,
            error -> assertThat(error.condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED));
        assertThat(events()).hasSize(1);
    }

    @Test
    void entityReferenceShouldBeRestrictedXml() {
        feed(HEADER + "<message><body>&x;</body></message>");

        assertThat(error()).contains(StreamErrorCondition.RESTRICTED_XML);
        assertThat(events()).hasSize(1);
    }

    @Test
    void processingInstructionShouldBeRestrictedXml() {
        feed(HEADER + "<?evil stuff?>");

        assertThat(error()).contains(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void commentShouldBeRestrictedXml() {
        feed(HEADER + "<!-- hello -->");

        assertThat(error()).contains(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void malformedXmlShouldBeNotWellFormed() {
        feed(HEADER + "<message></body>");

        assertThat(error()).contains(StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void nothingShouldBeDecodedAfterAnError() {
        feed(HEADER + "<!-- x -->");
        events();

        feed("<message/>");

        assertThat(events()).isEmpty();
        assertThat(errors).hasSize(1);
    }

    @Test
    void wrongRootShouldBeInvalidNamespace() {
        feed("<stream xmlns='jabber:server'>");

        assertThat(error()).contains(StreamErrorCondition.INVALID_NAMESPACE);
    }

    @Test
    void restartShouldAcceptANewDocument() {
        feed(HEADER);
        events();

        testee.restart();
        feed(HEADER + "<message/>");

        assertThat(events()).hasSize(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void mixedContentShouldKeepItsOrderWhenSerialized() {
        feed(HEADER + "<message><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "a<b>b</b>c</body></html></message>");

        XmlElement message = (XmlElement) events().get(1);
        assertThat(message.toXml(NamespaceRewrite.NONE)).isEqualTo("<message xmlns='jabber:server'>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "a<b>b</b>c</body></html></message>");
    }

    @Test
    void serializationShouldEscapeAttributesAndText() {
        feed(HEADER + "<message to='a&apos;b&lt;'><body>&lt;script&gt;</body></message>");

        XmlElement message = (XmlElement) events().get(1);
        assertThat(message.toXml(NamespaceRewrite.NONE))
            .isEqualTo("<message xmlns='jabber:server' to='a&apos;b&lt;'><body>&lt;script&gt;</body></message>");
    }
}
