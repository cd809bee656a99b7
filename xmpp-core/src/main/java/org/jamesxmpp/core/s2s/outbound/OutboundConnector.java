package org.jamesxmpp.core.s2s.outbound;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.routing.S2sRoute;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.CharsetUtil;

/**
 * Opens the TCP connections we initiate, a stream to carry stanzas or a dialback verification: route lookup, then
 * each address in turn. A connection that cannot be opened is reported to whoever asked for it; once open, its
 * handler reports everything else.
 */
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

    /** Opens the connection of an outgoing stream on its event loop. */
    public void open(OutgoingStream stream) {
        connect(new Attempt(stream.pair(), stream.eventLoop(), () -> new OutboundStreamHandler(stream.pair(), stream, keys,
            tls, settings.streamManagement(), streamManagementSupport, settings.responseTimeout()), stream::terminated));
    }

    /** Asks the authoritative server of {@code verification.pair().remote()}, on a connection of its own. */
    public void verify(DialbackVerification verification, EventLoop eventLoop) {
        connect(new Attempt(verification.pair(), eventLoop,
            () -> new DialbackVerifyHandler(verification, tls, settings.responseTimeout()),
            cause -> verification.unreachable()));
    }

    /** One connection to open: for whom, which handler runs it, who hears that it could not be opened. */
    private record Attempt(DomainPair pair, EventLoop eventLoop, Supplier<ChannelHandler> handler,
                           Consumer<TerminationCause> unreachable) {
    }

    private void connect(Attempt attempt) {
        router.resolve(attempt.pair().remote()).whenComplete((route, error) -> attempt.eventLoop().execute(() -> {
            if (error != null || route.addresses().isEmpty()) {
                attempt.unreachable().accept(new TerminationCause(Reason.REMOTE_SERVER_NOT_FOUND, "no route to "
                    + attempt.pair().remote()));
                return;
            }
            tryAddress(attempt, route, 0);
        }));
    }

    /** A resolver pool with its queue full fails this address like a failed lookup: the next one is tried. */
    private CompletableFuture<InetSocketAddress> resolve(InetSocketAddress unresolved) {
        try {
            return CompletableFuture.supplyAsync(() -> new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()),
                addressResolver);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * An address from DNS that is not public (loopback, private, link-local, ...) is skipped unless
     * {@link org.jamesxmpp.core.s2s.DialOutPolicy#allowedPrivateNetworks()} names it: a peer must not make us connect
     * inside our own network by pointing its DNS there. Static routes are connected to as configured.
     */
    private void tryAddress(Attempt attempt, S2sRoute route, int index) {
        List<InetSocketAddress> addresses = route.addresses();
        if (index >= addresses.size()) {
            attempt.unreachable().accept(new TerminationCause(Reason.REMOTE_SERVER_NOT_FOUND, "cannot connect to "
                + attempt.pair().remote() + " at " + addresses.stream()
                .map(address -> address.getHostString() + ":" + address.getPort())
                .collect(Collectors.joining(", "))));
            return;
        }
        InetSocketAddress unresolved = addresses.get(index);
        resolve(unresolved)
            .whenComplete((address, error) -> attempt.eventLoop().execute(() -> {
                if (error != null || address.isUnresolved()) {
                    LOGGER.info("Cannot resolve {} for {}", LogSafe.of(unresolved.getHostString()), attempt.pair().remote());
                    tryAddress(attempt, route, index + 1);
                    return;
                }
                if (!route.configured() && !settings.dialOut().mayDialResolved(address.getAddress())) {
                    LOGGER.warn("Not connecting to {} for {}: {} is not a public address (dns/allowedPrivateNetworks)",
                        LogSafe.of(unresolved.getHostString()), LogSafe.of(attempt.pair().remote()),
                        address.getAddress().getHostAddress());
                    tryAddress(attempt, route, index + 1);
                    return;
                }
                connect(attempt, route, index, address);
            }));
    }

    private void connect(Attempt attempt, S2sRoute route, int index, InetSocketAddress address) {
        ChannelFuture connection = new Bootstrap()
            .group(attempt.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline()
                        .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast("decoder", new XmppStreamDecoder(settings.maxStanzaSize(), settings.xmlLimits()))
                        .addLast("encoder", ENCODER)
                        .addLast("stream", attempt.handler().get());
                }
            })
            .connect(address);
        connection.addListener(result -> {
            if (!result.isSuccess()) {
                LOGGER.info("Connecting to {} at {} failed: {}", attempt.pair().remote(), LogSafe.of(address), LogSafe.of(result.cause()));
                tryAddress(attempt, route, index + 1);
            }
        });
    }
}
