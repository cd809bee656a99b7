package org.jamesxmpp.core.s2s.outbound;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.CharsetUtil;

/** Opens the TCP connection of an outgoing stream: route lookup, then each address in turn. */
public class OutboundConnector {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutboundConnector.class);
    private static final StringEncoder ENCODER = new StringEncoder(CharsetUtil.UTF_8);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final S2sRouter router;
    private final S2sSettings settings;
    private final DialbackKeys keys;
    private final Optional<TlsContexts> tls;
    private final Executor addressResolver;
    private final StreamManagementSupport streamManagementSupport = new StreamManagementSupport();

    /**
     * @param addressResolver where host names are resolved (blocking {@link InetSocketAddress}
     *     lookups stay off the event loops)
     */
    public OutboundConnector(S2sRouter router, S2sSettings settings, DialbackKeys keys, Optional<TlsContexts> tls,
                             Executor addressResolver) {
        this.addressResolver = addressResolver;
        this.router = router;
        this.settings = settings;
        this.keys = keys;
        this.tls = tls;
    }

    public void connect(OutboundPurpose purpose, EventLoop eventLoop) {
        router.resolve(purpose.pair().remote()).whenComplete((route, error) -> eventLoop.execute(() -> {
            if (error != null || route.addresses().isEmpty()) {
                purpose.terminated(new TerminationCause(Reason.REMOTE_SERVER_NOT_FOUND, "no route to "
                    + purpose.pair().remote()));
                return;
            }
            tryAddress(purpose, eventLoop, route.addresses(), 0);
        }));
    }

    private void tryAddress(OutboundPurpose purpose, EventLoop eventLoop, List<InetSocketAddress> addresses, int index) {
        if (index >= addresses.size()) {
            purpose.terminated(new TerminationCause(Reason.REMOTE_SERVER_NOT_FOUND, "cannot connect to "
                + purpose.pair().remote() + " at " + addresses));
            return;
        }
        InetSocketAddress unresolved = addresses.get(index);
        CompletableFuture.supplyAsync(() -> new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()),
                addressResolver)
            .whenComplete((address, error) -> eventLoop.execute(() -> {
                if (error != null || address.isUnresolved()) {
                    LOGGER.info("Cannot resolve {} for {}", unresolved.getHostString(), purpose.pair().remote());
                    tryAddress(purpose, eventLoop, addresses, index + 1);
                    return;
                }
                connect(purpose, eventLoop, addresses, index, address);
            }));
    }

    private void connect(OutboundPurpose purpose, EventLoop eventLoop, List<InetSocketAddress> addresses, int index,
                         InetSocketAddress address) {
        ChannelFuture connection = new Bootstrap()
            .group(eventLoop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline()
                        .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast("decoder", new XmppStreamDecoder(settings.maxStanzaSize()))
                        .addLast("encoder", ENCODER)
                        .addLast("stream", new OutboundStreamHandler(purpose, keys, tls, settings.streamManagement(),
                            streamManagementSupport, settings.responseTimeout()));
                }
            })
            .connect(address);
        connection.addListener(result -> {
            if (!result.isSuccess()) {
                LOGGER.info("Connecting to {} at {} failed: {}", purpose.pair().remote(), address, result.cause().toString());
                tryAddress(purpose, eventLoop, addresses, index + 1);
            }
        });
    }
}
