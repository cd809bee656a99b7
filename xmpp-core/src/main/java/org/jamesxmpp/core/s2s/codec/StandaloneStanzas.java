package org.jamesxmpp.core.s2s.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Stanzas outside a stream (golden files, benchmarks, archives) read and written exactly as on the wire: the text is
 * put inside an s2s stream header and read by the {@link XmppStreamDecoder} and {@link StanzaCodec}, with the same
 * restricted-XML rules, nesting and size caps as a peer's stream.
 */
public final class StandaloneStanzas {
    private static final String HEADER = StreamXml.anonymousHeader("standalone");

    private StandaloneStanzas() {
    }

    /**
     * @param xml one stanza, in namespace {@code jabber:server} (the stream's) or declaring {@code xmlns='jabber:server'}
     * @throws StreamException what a peer's stream would be closed with
     */
    public static Stanza parse(String xml, int maxStanzaBytes) {
        return StanzaCodec.parse(element(xml, maxStanzaBytes));
    }

    /** The stanza as the stream decoder reads it, not yet given to Smack. */
    static XmlElement element(String xml, int maxStanzaBytes) {
        List<Object> decoded = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(maxStanzaBytes), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                decoded.add(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });
        try {
            channel.writeInbound(Unpooled.wrappedBuffer((HEADER + xml).getBytes(StandardCharsets.UTF_8)));
        } finally {
            channel.finishAndReleaseAll();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0) instanceof StreamException streamError
                ? streamError
                : new StreamException(StreamErrorCondition.NOT_WELL_FORMED, errors.get(0).toString());
        }
        List<XmlElement> elements = decoded.stream()
            .filter(XmlElement.class::isInstance)
            .map(XmlElement.class::cast)
            .toList();
        if (elements.size() != 1 || !StanzaCodec.isStanza(elements.get(0))) {
            throw new StreamException(StreamErrorCondition.BAD_FORMAT, "expected one complete stanza in jabber:server, got "
                + elements.stream().map(element -> element.name() + " in " + element.namespace()).toList());
        }
        return elements.get(0);
    }

    public static Message parseMessage(String xml, int maxStanzaBytes) {
        Stanza stanza = parse(xml, maxStanzaBytes);
        if (!(stanza instanceof Message message)) {
            throw new StreamException(StreamErrorCondition.BAD_FORMAT, "expected a message, got " + stanza.getElementName());
        }
        return message;
    }
}
