package org.jamesxmpp.core.s2s.inbound;

import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.InboundLimits;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.CharsetUtil;

/**
 * Pipeline of an incoming stream, limits first: connection limits (shared), read rate, stanza deadline, then the
 * capped framer, the idle timeout (after the framer: only complete elements count as traffic, not trickled bytes),
 * the encoder and the stream handler. STARTTLS puts its TLS handler before all of them.
 */
public class InboundChannelInitializer extends ChannelInitializer<SocketChannel> {
    public static final String CONNECTION_LIMITS = "connectionLimits";
    public static final String READ_RATE = "readRate";
    public static final String STANZA_DEADLINE = "stanzaDeadline";
    public static final String DECODER = "decoder";
    public static final String IDLE = "idle";
    public static final String ENCODER = "encoder";
    public static final String STREAM = "stream";

    private static final StringEncoder STRING_ENCODER = new StringEncoder(CharsetUtil.UTF_8);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final InboundContext context;
    private final ConnectionLimits connectionLimits;

    public InboundChannelInitializer(InboundContext context) {
        this.context = context;
        this.connectionLimits = new ConnectionLimits(context.settings().inboundLimits());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        InboundLimits limits = context.settings().inboundLimits();
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        channel.pipeline()
            .addLast(CONNECTION_LIMITS, connectionLimits)
            .addLast(READ_RATE, new ReadRateLimit(limits.maxBytesPerSecond()))
            .addLast(STANZA_DEADLINE, new StanzaDeadline(limits.stanzaDeadline()))
            .addLast(DECODER, new XmppStreamDecoder(context.settings().maxStanzaSize(), context.settings().xmlLimits()))
            .addLast(IDLE, new IdleStateHandler(0, 0, context.settings().idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
            .addLast(ENCODER, STRING_ENCODER)
            .addLast(STREAM, new InboundStreamHandler(context));
    }
}
