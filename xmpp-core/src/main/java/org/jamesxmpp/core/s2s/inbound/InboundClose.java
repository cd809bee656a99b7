package org.jamesxmpp.core.s2s.inbound;

import org.jamesxmpp.core.s2s.codec.StreamXml;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The one way an incoming stream ends. Our header goes first when the peer has not seen one on the current stream
 * (RFC 6120 4.9.1.1), then the {@link InboundEnding}'s last element and {@code </stream:stream>}, then the connection
 * closes. Once ended, a later ending only drops the connection, and only when it has nothing to say (the peer's own
 * {@code </stream:stream>} answering ours, a drop); a later error is not sent.
 */
final class InboundClose {
    private final InboundSession session;

    InboundClose(InboundSession session) {
        this.session = session;
    }

    void close(ChannelHandlerContext ctx, InboundEnding ending) {
        InboundState before = session.state();
        if (before == InboundState.CLOSED) {
            if (ending.lastElement().isEmpty()) {
                ctx.close();
            }
            return;
        }
        session.apply(InboundEvent.CLOSE);
        if (ending.abort()) {
            ctx.close();
            return;
        }
        String prefix = before.awaitsHeader() ? StreamXml.anonymousHeader(session.streamId()) : "";
        ctx.writeAndFlush(prefix + ending.lastElement().orElse("") + StreamXml.CLOSE)
            .addListener(ChannelFutureListener.CLOSE);
    }
}
