package org.jamesxmpp.core.s2s.inbound;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.google.common.annotations.VisibleForTesting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads one stream at {@link org.jamesxmpp.core.s2s.InboundLimits#maxBytesPerSecond()} at most: a token bucket of one
 * second's worth; what was read beyond it is passed on, and reading pauses until the bucket is back above empty.
 * One per channel, before the framer.
 */
final class ReadRateLimit extends ChannelInboundHandlerAdapter {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private long tokens;
    private long refilledAt;

    ReadRateLimit(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime);
    }

    @VisibleForTesting
    ReadRateLimit(long bytesPerSecond, LongSupplier nanoTime) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.tokens = bytesPerSecond;
        this.refilledAt = nanoTime.getAsLong();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buffer) {
            refill();
            tokens -= buffer.readableBytes();
            if (tokens < 0 && !ReadPauses.of(ctx.channel()).isPaused(ReadPauses.Reason.RATE)) {
                ReadPauses.of(ctx.channel()).pause(ReadPauses.Reason.RATE);
                long waitNanos = Math.max(1, -tokens * NANOS_PER_SECOND / bytesPerSecond);
                ctx.executor().schedule(() -> resume(ctx), waitNanos, TimeUnit.NANOSECONDS);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void resume(ChannelHandlerContext ctx) {
        refill();
        if (tokens < 0) {
            ctx.executor().schedule(() -> resume(ctx), Math.max(1, -tokens * NANOS_PER_SECOND / bytesPerSecond),
                TimeUnit.NANOSECONDS);
            return;
        }
        ReadPauses.of(ctx.channel()).resume(ReadPauses.Reason.RATE);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        // in double: nanoseconds times bytes per second overflows a long after a few idle seconds
        double earned = (double) (now - refilledAt) * bytesPerSecond / NANOS_PER_SECOND;
        if (earned >= 1) {
            tokens = (long) Math.min(bytesPerSecond, tokens + earned);
            refilledAt = now;
        }
    }
}
