package org.jamesxmpp.core.s2s.inbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.core.s2s.InboundLimits;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Caps incoming connections in total ({@code resource-constraint}) and per IP address ({@code policy-violation}).
 * A refused connection gets a stream header and the stream error, then is closed, before anything of it is read.
 * Shared by every channel of the listener: first in the pipeline.
 */
@ChannelHandler.Sharable
final class ConnectionLimits extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionLimits.class);
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf(ConnectionLimits.class, "counted");

    private final InboundLimits limits;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(InboundLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = address(ctx.channel().remoteAddress());
        Optional<StreamErrorCondition> refusal = admit(address);
        if (refusal.isPresent()) {
            LOGGER.info("Refusing incoming connection from {}: {} ({} connections, {} from that address)",
                ctx.channel().remoteAddress(), refusal.get().elementName(), total.get(), count(address));
            ctx.channel().config().setAutoRead(false);
            String refused = StreamXml.anonymousHeader(UUID.randomUUID().toString()) + StreamXml.streamError(refusal.get())
                + StreamXml.CLOSE;
            ctx.writeAndFlush(Unpooled.copiedBuffer(refused, StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(COUNTED).set(address);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress counted = ctx.channel().attr(COUNTED).getAndSet(null);
        if (counted != null) {
            release(counted);
            ctx.fireChannelInactive();
        }
    }

    /** Counts the connection in, unless a limit is reached. */
    private Optional<StreamErrorCondition> admit(InetAddress address) {
        if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            return Optional.of(StreamErrorCondition.RESOURCE_CONSTRAINT);
        }
        int[] fromAddress = new int[1];
        perAddress.compute(address, (key, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            fromAddress[0] = current.incrementAndGet();
            return current;
        });
        if (fromAddress[0] > limits.maxConnectionsPerAddress()) {
            release(address);
            return Optional.of(StreamErrorCondition.POLICY_VIOLATION);
        }
        return Optional.empty();
    }

    private void release(InetAddress address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private int count(InetAddress address) {
        return Optional.ofNullable(perAddress.get(address)).map(AtomicInteger::get).orElse(0);
    }

    private static InetAddress address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
