package org.jamesxmpp.core.xep;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jivesoftware.smack.packet.Stanza;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Runs inside {@link SmackBootstrapTest}'s isolated class loader: a stream with one message goes through the wire
 * path (decoder, then codec) and the class names of the parsed extension elements come back.
 */
public class FirstStanzaOnAFreshClassLoader implements Callable<String> {
    static final String STREAM = "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
        + " xmlns:db='jabber:server:dialback' from='a.test' to='james.test' version='1.0'>"
        + "<message from='alice@a.test' to='bob@james.test' id='m1'><body>Hello</body>"
        + "<addresses xmlns='http://jabber.org/protocol/address'><address type='cc' jid='carol@james.test'/></addresses>"
        + "<delay xmlns='urn:xmpp:delay' stamp='2026-12-01T10:00:00Z'/>"
        + "</message>";

    @Override
    public String call() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(64 * 1024));
        channel.writeInbound(Unpooled.copiedBuffer(STREAM, StandardCharsets.UTF_8));
        channel.readInbound();
        XmlElement message = channel.readInbound();
        Stanza stanza = StanzaCodec.parse(message);
        channel.finishAndReleaseAll();
        return stanza.getExtensions().stream()
            .map(extension -> extension.getClass().getName())
            .collect(Collectors.joining(","));
    }
}
