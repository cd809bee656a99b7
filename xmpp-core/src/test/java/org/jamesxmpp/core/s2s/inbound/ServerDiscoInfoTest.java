package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.ReturnPath;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.s2s.codec.StandaloneStanzas;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class ServerDiscoInfoTest {
    static final Map<DomainPair, AuthMethod> AUTHENTICATED = Map.of(new DomainPair("james.test", "a.test"), AuthMethod.DIALBACK);

    List<String> answers = new ArrayList<>();
    List<InboundStanza> handled = new ArrayList<>();
    InboundStanzas testee;

    @BeforeEach
    void setUp() {
        ReturnPath returnPath = new ReturnPath() {
            @Override
            public boolean pingAnswered(String remoteDomain, String id) {
                return false;
            }

            @Override
            public boolean peerError(String remoteDomain, String id, String errorFrom, StanzaErrorException error) {
                return false;
            }

            @Override
            public void answer(DomainPair pair, String from, String to, String xml) {
                answers.add(xml);
            }

            @Override
            public CompletionStage<Void> send(DomainPair pair, Optional<String> id, String from, String to, String xml) {
                answers.add(xml);
                return CompletableFuture.completedFuture(null);
            }
        };
        testee = new InboundStanzas(LocalDomains.of("james.test"), stanza -> {
            handled.add(stanza);
            return CompletableFuture.completedFuture(null);
        }, returnPath);
    }

    private void accept(String xml) {
        testee.accept(element(xml), AUTHENTICATED, false, new InetSocketAddress("127.0.145.9", 5269));
    }

    private static XmlElement element(String xml) {
        List<XmlElement> decoded = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(S2sSettings.DEFAULT_MAX_STANZA_SIZE),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof XmlElement element) {
                        decoded.add(element);
                    }
                }
            });
        channel.writeInbound(Unpooled.copiedBuffer(StreamXml.anonymousHeader("test") + xml, StandardCharsets.UTF_8));
        channel.finishAndReleaseAll();
        assertThat(decoded).hasSize(1);
        return decoded.get(0);
    }

    @Test
    void discoInfoOfOurDomainShouldAdvertiseTheMulticastService() {
        accept("<iq type='get' id='d1' from='alice@a.test/phone' to='james.test'>"
            + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

        assertThat(handled).isEmpty();
        assertThat(answers).hasSize(1);
        Stanza answer = StandaloneStanzas.parse(answers.get(0), S2sSettings.DEFAULT_MAX_STANZA_SIZE);
        assertThat(answer).isInstanceOf(IQ.class);
        assertThat(((IQ) answer).getType()).isEqualTo(IQ.Type.result);
        assertThat(answer.getStanzaId()).isEqualTo("d1");
        assertThat(answer.getFrom().toString()).isEqualTo("james.test");
        assertThat(answer.getTo().toString()).isEqualTo("alice@a.test/phone");
        assertThat(answers.get(0))
            .contains("<identity category='server' type='im' name='James'/>")
            .contains("<feature var='http://jabber.org/protocol/address'/>")
            .contains("<feature var='http://jabber.org/protocol/disco#info'/>")
            .contains("<feature var='urn:xmpp:ping'/>");
    }

    @Test
    void discoInfoOfANodeShouldNotBeAnsweredAsTheServer() {
        accept("<iq type='get' id='d2' from='alice@a.test' to='james.test'>"
            + "<query xmlns='http://jabber.org/protocol/disco#info' node='http://example.org/caps#x'/></iq>");

        assertThat(answers).isEmpty();
        assertThat(handled).hasSize(1);
    }

    @Test
    void discoInfoOfAUserShouldNotBeAnsweredAsTheServer() {
        accept("<iq type='get' id='d3' from='alice@a.test' to='bob@james.test'>"
            + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

        assertThat(answers).isEmpty();
        assertThat(handled).hasSize(1);
    }

    @Test
    void discoInfoResultShouldNotBeAnswered() {
        accept("<iq type='result' id='d4' from='a.test' to='james.test'>"
            + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

        assertThat(answers).isEmpty();
    }
}
