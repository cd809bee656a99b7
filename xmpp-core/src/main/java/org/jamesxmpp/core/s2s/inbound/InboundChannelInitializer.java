package org.jamesxmpp.core.s2s.inbound;

import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.CharsetUtil;

/** Pipeline of an incoming stream: idle timeout, capped decoder, encoder, stream handler. */
public class InboundChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final StringEncoder ENCODER = new StringEncoder(CharsetUtil.UTF_8);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final InboundContext context;

    public InboundChannelInitializer(InboundContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        channel.pipeline()
            .addLast("idle", new IdleStateHandler(0, 0, context.settings().idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
            .addLast("decoder", new XmppStreamDecoder(context.settings().maxStanzaSize()))
            .addLast("encoder", ENCODER)
            .addLast("stream", new InboundStreamHandler(context));
    }
}
