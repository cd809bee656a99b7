package org.jamesxmpp.core.c2s;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.xep.SmackBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.ThreadFactoryBuilder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The client listener (RFC 6120 c2s): accepts client streams on the bind addresses. Non-blocking. */
public class C2sServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(C2sServer.class);

    private final C2sSettings settings;
    private final C2sContext context;
    private final ExecutorService domainLookups;
    private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
    private final List<Channel> directTlsChannels = new CopyOnWriteArrayList<>();
    private Optional<EventLoopGroup> bossGroup = Optional.empty();
    private Optional<EventLoopGroup> workerGroup = Optional.empty();

    public C2sServer(C2sSettings settings, LocalDomains localDomains, ClientAuthenticator authenticator,
                     ClientStanzaRouter router, SessionRegistry sessions) {
        SmackBootstrap.initialize();
        this.settings = settings;
        this.domainLookups = settings.domainLookups().newExecutor("xmpp-c2s-domains-%d");
        this.context = new C2sContext(settings, localDomains, settings.tls(), authenticator, router,
            sessions, domainLookups);
    }

    /** Binds every configured address; fails (and releases what it bound) when one cannot be bound. */
    public synchronized void start() {
        if ((settings.bindAddresses().isEmpty() && settings.directTlsAddresses().isEmpty()) || bossGroup.isPresent()) {
            return;
        }
        EventLoopGroup boss = new NioEventLoopGroup(1, new ThreadFactoryBuilder().setNameFormat("xmpp-c2s-accept-%d").build());
        EventLoopGroup workers = new NioEventLoopGroup(0, new ThreadFactoryBuilder().setNameFormat("xmpp-c2s-%d").build());
        bossGroup = Optional.of(boss);
        workerGroup = Optional.of(workers);
        ConnectionLimit connectionLimit = new ConnectionLimit(settings.limits().maxConnections());
        try {
            ServerBootstrap startTls = bootstrap(boss, workers, new C2sChannelInitializer(context, connectionLimit, false));
            for (InetSocketAddress address : settings.bindAddresses()) {
                Channel channel = startTls.bind(address).syncUninterruptibly().channel();
                serverChannels.add(channel);
                LOGGER.info("XMPP c2s listener bound to {} (STARTTLS {})", channel.localAddress(),
                    settings.tls().isEmpty() ? "not offered" : settings.tlsRequired() ? "required" : "offered");
            }
            ServerBootstrap directTls = bootstrap(boss, workers, new C2sChannelInitializer(context, connectionLimit, true));
            for (InetSocketAddress address : settings.directTlsAddresses()) {
                Channel channel = directTls.bind(address).syncUninterruptibly().channel();
                directTlsChannels.add(channel);
                LOGGER.info("XMPP c2s listener bound to {} (direct TLS, XEP-0368)", channel.localAddress());
            }
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("Cannot bind the XMPP c2s listener: " + e.getMessage(), e);
        }
    }

    private static ServerBootstrap bootstrap(EventLoopGroup boss, EventLoopGroup workers, C2sChannelInitializer initializer) {
        return new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childHandler(initializer);
    }

    /** The STARTTLS addresses. */
    public List<InetSocketAddress> boundAddresses() {
        return addresses(serverChannels);
    }

    public List<InetSocketAddress> directTlsAddresses() {
        return addresses(directTlsChannels);
    }

    private static List<InetSocketAddress> addresses(List<Channel> channels) {
        return channels.stream()
            .map(channel -> (InetSocketAddress) channel.localAddress())
            .collect(ImmutableList.toImmutableList());
    }

    public synchronized void stop() {
        serverChannels.forEach(channel -> channel.close().syncUninterruptibly());
        serverChannels.clear();
        directTlsChannels.forEach(channel -> channel.close().syncUninterruptibly());
        directTlsChannels.clear();
        bossGroup.ifPresent(group -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
        workerGroup.ifPresent(group -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
        bossGroup = Optional.empty();
        workerGroup = Optional.empty();
        domainLookups.shutdown();
    }

    @Override
    public void close() {
        stop();
    }
}
