package org.jamesxmpp.core.s2s.inbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.google.common.annotations.VisibleForTesting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Reads one stream at {@link org.jamesxmpp.core.s2s.InboundLimits#maxBytesPerSecond()} at most: a token bucket of one
 * second's worth. Bytes read beyond it are held back, and reading pauses, until the bucket is paid back; then they
 * go on in order. One per channel, before the framer.
 */
final class ReadRateLimit extends ChannelInboundHandlerAdapter {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Deque<ByteBuf> held = new ArrayDeque<>();
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
        if (!(msg instanceof ByteBuf buffer)) {
            ctx.fireChannelRead(msg);
            return;
        }
        refill();
        tokens -= buffer.readableBytes();
        if (held.isEmpty() && tokens >= 0) {
            ctx.fireChannelRead(buffer);
            return;
        }
        boolean waiting = !held.isEmpty();
        held.add(buffer);
        if (!waiting) {
            ReadPauses.of(ctx.channel()).pause(ReadPauses.Reason.RATE);
            scheduleRelease(ctx);
        }
    }

    private void scheduleRelease(ChannelHandlerContext ctx) {
        long waitNanos = Math.max(1, (long) ((double) -tokens * NANOS_PER_SECOND / bytesPerSecond));
        ctx.executor().schedule(() -> release(ctx), waitNanos, TimeUnit.NANOSECONDS);
    }

    private void release(ChannelHandlerContext ctx) {
        if (held.isEmpty()) {
            return;
        }
        refill();
        if (tokens < 0) {
            scheduleRelease(ctx);
            return;
        }
        ByteBuf buffer;
        while ((buffer = held.poll()) != null) {
            ctx.fireChannelRead(buffer);
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardHeld();
    }

    private void discardHeld() {
        ByteBuf buffer;
        while ((buffer = held.poll()) != null) {
            ReferenceCountUtil.release(buffer);
        }
    }
}
