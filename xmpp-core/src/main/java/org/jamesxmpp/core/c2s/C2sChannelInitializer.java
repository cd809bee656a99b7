package org.jamesxmpp.core.c2s;

import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.CharsetUtil;

/**
 * Pipeline of a client stream: connection limit, idle timeout, capped decoder (the s2s one), encoder, stream handler;
 * on a direct TLS address (XEP-0368) TLS first.
 */
class C2sChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final StringEncoder ENCODER = new StringEncoder(CharsetUtil.UTF_8);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 512 * 1024);

    private final C2sContext context;
    private final ConnectionLimit connectionLimit;
    private final boolean directTls;

    C2sChannelInitializer(C2sContext context) {
        this(context, new ConnectionLimit(context.settings().limits().maxConnections()), false);
    }

    /** @param connectionLimit shared by the listener's addresses, STARTTLS and direct TLS alike */
    C2sChannelInitializer(C2sContext context, ConnectionLimit connectionLimit, boolean directTls) {
        this.context = context;
        this.connectionLimit = connectionLimit;
        this.directTls = directTls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        channel.pipeline()
            .addLast("limit", connectionLimit)
            .addLast("idle", new IdleStateHandler(0, 0, context.settings().limits().idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
            .addLast("decoder", new XmppStreamDecoder(context.settings().limits().maxStanzaSize(),
                context.settings().xmlLimits()))
            .addLast("encoder", ENCODER)
            .addLast("stream", new C2sStreamHandler(context, directTls));
        if (directTls) {
            channel.pipeline().addFirst("ssl", context.tls().orElseThrow().directClientHandler(channel.alloc()));
        }
    }

    int openConnections() {
        return connectionLimit.open();
    }
}
