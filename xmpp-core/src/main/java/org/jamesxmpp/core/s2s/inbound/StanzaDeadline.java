package org.jamesxmpp.core.s2s.inbound;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Once a stanza's first byte arrived, its last must follow within the deadline: a peer trickling a stanza (or a
 * start tag that never ends) holds a connection and a buffer only that long, whatever the idle timer says. Sits just
 * before the framer and asks it, after each read, whether an element is under way; a miss fires
 * {@code policy-violation}. One per channel.
 */
final class StanzaDeadline extends ChannelInboundHandlerAdapter {
    private final Duration deadline;
    private Optional<ScheduledFuture<?>> timer = Optional.empty();
    private long timedElement = -1;

    StanzaDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireChannelRead(msg);
        XmppStreamDecoder decoder = ctx.pipeline().get(XmppStreamDecoder.class);
        long started = decoder == null ? -1 : decoder.elementStart();
        if (started == timedElement) {
            return;
        }
        cancel();
        timedElement = started;
        if (started >= 0) {
            timer = Optional.of(ctx.executor().schedule(() -> missed(ctx), deadline.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void missed(ChannelHandlerContext ctx) {
        timer = Optional.empty();
        ctx.fireExceptionCaught(new StreamException(StreamErrorCondition.POLICY_VIOLATION,
            "stanza not complete within " + deadline));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        timer.ifPresent(future -> future.cancel(false));
        timer = Optional.empty();
    }
}
