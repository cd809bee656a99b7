package org.jamesxmpp.core.s2s;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.Domain;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.codec.EncodedStanza;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.dialback.DialbackSecretRotator;
import org.jamesxmpp.core.s2s.inbound.InboundChannelInitializer;
import org.jamesxmpp.core.s2s.inbound.InboundContext;
import org.jamesxmpp.core.s2s.inbound.InboundStanzas;
import org.jamesxmpp.core.s2s.outbound.BoundedDialbackVerifier;
import org.jamesxmpp.core.s2s.outbound.DialbackVerifier;
import org.jamesxmpp.core.s2s.outbound.OutboundConnector;
import org.jamesxmpp.core.s2s.outbound.OutgoingStreams;
import org.jamesxmpp.core.s2s.outbound.RemoteDialbackVerifier;
import org.jamesxmpp.core.s2s.outbound.SharedDialbackVerifier;
import org.jamesxmpp.core.s2s.outbound.VerificationBackoff;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.jamesxmpp.core.store.DialbackSecretStore;
import org.jamesxmpp.core.store.LateErrorRetention;
import org.jamesxmpp.core.store.LateErrorStore;
import org.jamesxmpp.core.store.LateErrorTicket;
import org.jamesxmpp.core.store.MemoryLateErrorStore;
import org.jamesxmpp.core.xep.SmackBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;
import com.google.common.io.BaseEncoding;
import com.google.common.util.concurrent.ThreadFactoryBuilder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The s2s engine: accepts streams on the bind addresses, opens streams to peers on demand, and
 * delivers stanzas both ways. Non-blocking: a few event loops serve every stream.
 */
public class S2sServer implements StanzaSender, XmppDomainLookup, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(S2sServer.class);

    private final S2sSettings settings;
    private final LocalDomains localDomains;
    private final S2sRouter router;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService addressResolver;
    /** Host names of dialback verifications: a peer's claims cannot take the threads outgoing mail resolves on. */
    private final ExecutorService verificationResolver;
    private final ExecutorService stanzaHandlers;
    private final OutgoingStreams outgoing;
    private final InboundContext inboundContext;
    private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
    /** Absent when {@code xmpp.xml} sets the secret: then it is never rotated. */
    private final Optional<DialbackSecretRotator> secretRotator;

    public S2sServer(S2sSettings settings, LocalDomains localDomains, InboundStanzaHandler handler,
                     DialbackSecretStore secretStore, Clock clock) {
        this(settings, localDomains, handler, secretStore,
            new S2sRouter(settings.staticRoutes(), clock, settings.dns(), settings.routeCacheSize()), clock);
    }

    public S2sServer(S2sSettings settings, LocalDomains localDomains, InboundStanzaHandler handler,
                     DialbackSecretStore secretStore, S2sRouter router) {
        this(settings, localDomains, handler, secretStore, router, Clock.systemUTC());
    }

    /** @param clock drives the reconnect backoff */
    public S2sServer(S2sSettings settings, LocalDomains localDomains, InboundStanzaHandler handler,
                     DialbackSecretStore secretStore, S2sRouter router, Clock clock) {
        this(settings, localDomains, handler, secretStore, router, clock,
            new MemoryLateErrorStore(LateErrorRetention.defaults(), clock));
    }

    /** @param lateErrors keeps the acknowledged stanzas a peer may still return an error for */
    public S2sServer(S2sSettings settings, LocalDomains localDomains, InboundStanzaHandler handler,
                     DialbackSecretStore secretStore, S2sRouter router, Clock clock, LateErrorStore lateErrors) {
        SmackBootstrap.initialize();
        this.settings = settings;
        this.localDomains = localDomains;
        this.router = router;
        this.secretRotator = settings.dialbackSecret().isPresent()
            ? Optional.empty()
            : Optional.of(new DialbackSecretRotator(secretStore, settings.secretRotation(), clock, S2sServer::newSecret)
                .start());
        DialbackKeys keys = settings.dialbackSecret()
            .map(DialbackKeys::new)
            .orElseGet(() -> new DialbackKeys(secretRotator.get(), clock));
        Optional<TlsContexts> tls = settings.tls();
        this.bossGroup = new NioEventLoopGroup(1, new ThreadFactoryBuilder().setNameFormat("xmpp-s2s-accept-%d").build());
        this.workerGroup = new NioEventLoopGroup(0, new ThreadFactoryBuilder().setNameFormat("xmpp-s2s-%d").build());
        this.addressResolver = settings.addressResolvers().newExecutor("xmpp-s2s-resolver-%d");
        OutboundConnector connector = new OutboundConnector(router, settings, keys, tls, addressResolver);
        this.verificationResolver = settings.addressResolvers().newExecutor("xmpp-s2s-verify-resolver-%d");
        OutboundConnector verifications = new OutboundConnector(router, settings, keys, tls, verificationResolver);
        this.outgoing = new OutgoingStreams(workerGroup, connector, settings, clock, lateErrors);
        this.stanzaHandlers = settings.inboundHandlers().newExecutor("xmpp-s2s-inbound-%d");
        this.inboundContext = new InboundContext(settings, this.localDomains, keys, tls,
            verifier(settings, new RemoteDialbackVerifier(workerGroup, verifications), clock),
            new InboundStanzas(this.localDomains, handler, outgoing), stanzaHandlers);
    }

    /** Repeated questions share one answer; unreachable domains back off; what is left to ask is bounded. */
    private static DialbackVerifier verifier(S2sSettings settings, DialbackVerifier remote, Clock clock) {
        DialOutPolicy dialOut = settings.dialOut();
        return new SharedDialbackVerifier(new VerificationBackoff(
            new BoundedDialbackVerifier(remote, settings.maxPendingVerifications()),
            dialOut.verificationBackoff(), dialOut.verificationBackoffCap(), dialOut.maxBackoffDomains(), clock));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return BaseEncoding.base16().lowerCase().encode(bytes);
    }

    /** Binds every configured address; fails (and releases what it bound) when one cannot be bound. */
    public void start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerSocketChannel.class)
            .childHandler(new InboundChannelInitializer(inboundContext));
        try {
            for (InetSocketAddress address : settings.bindAddresses()) {
                Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
                serverChannels.add(channel);
                LOGGER.info("XMPP s2s listener bound to {}", channel.localAddress());
            }
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("Cannot bind the XMPP s2s listener: " + e.getMessage(), e);
        }
    }

    public List<InetSocketAddress> boundAddresses() {
        return serverChannels.stream()
            .map(channel -> (InetSocketAddress) channel.localAddress())
            .collect(ImmutableList.toImmutableList());
    }

    /**
     * The acknowledgement is XEP-0198, or with peers without stream management the answer to an XEP-0199 ping sent
     * after the stanza on the same stream; no answer within {@link S2sSettings#responseTimeout()}, or the stream
     * ending first, fails the send.
     */
    @Override
    public CompletionStage<Void> send(EncodedStanza stanza, Optional<LateErrorTicket> lateErrors) {
        Optional<String> invalid = invalidRemoteStanza(stanza);
        if (invalid.isPresent()) {
            return invalid(invalid.get());
        }
        String fromDomain = stanza.from().get().getDomain().toString().toLowerCase(Locale.ROOT);
        String toDomain = stanza.to().get().getDomain().toString().toLowerCase(Locale.ROOT);
        return outgoing.send(new DomainPair(fromDomain, toDomain), stanza.id(),
            stanza.from().get().toString(), stanza.to().get().toString(), stanza.xml(), lateErrors);
    }

    @Override
    public Map<String, CompletionStage<Void>> sendMulticast(EncodedStanza stanza,
                                                            Map<String, Optional<LateErrorTicket>> recipients) {
        Optional<String> invalid = invalidRemoteStanza(stanza);
        if (invalid.isEmpty() && (stanza.id().isEmpty() || !stanza.to().get().isDomainBareJid())) {
            invalid = Optional.of("a multicast stanza needs an id and a domain as to");
        }
        if (invalid.isPresent()) {
            CompletionStage<Void> failed = invalid(invalid.get());
            Map<String, CompletionStage<Void>> each = new LinkedHashMap<>();
            recipients.keySet().forEach(recipient -> each.put(recipient, failed));
            return each;
        }
        String fromDomain = stanza.from().get().getDomain().toString().toLowerCase(Locale.ROOT);
        String toDomain = stanza.to().get().getDomain().toString().toLowerCase(Locale.ROOT);
        return new LinkedHashMap<>(outgoing.sendMulticast(new DomainPair(fromDomain, toDomain), stanza.id().get(),
            stanza.from().get().toString(), stanza.to().get().toString(), stanza.xml(), recipients));
    }

    @Override
    public CompletionStage<Set<String>> discoFeatures(String localDomain, String remoteDomain) {
        String local = localDomain.toLowerCase(Locale.ROOT);
        String remote = remoteDomain.toLowerCase(Locale.ROOT);
        if (!localDomains.isLocal(local) || localDomains.isLocal(remote)) {
            return CompletableFuture.completedFuture(Set.of());
        }
        return outgoing.discoFeatures(new DomainPair(local, remote));
    }

    private Optional<String> invalidRemoteStanza(EncodedStanza stanza) {
        if (stanza.from().isEmpty() || stanza.to().isEmpty()) {
            return Optional.of("a stanza needs from and to");
        }
        String fromDomain = stanza.from().get().getDomain().toString().toLowerCase(Locale.ROOT);
        String toDomain = stanza.to().get().getDomain().toString().toLowerCase(Locale.ROOT);
        if (!localDomains.isLocal(fromDomain)) {
            return Optional.of("from " + fromDomain + " is not one of our domains");
        }
        if (localDomains.isLocal(toDomain)) {
            return Optional.of("to " + toDomain + " is one of our domains");
        }
        return Optional.empty();
    }

    @Override
    public void routeLateErrors(String route, LateErrorListener listener) {
        outgoing.routeLateErrors(route, listener);
    }

    private static CompletionStage<Void> invalid(String message) {
        return CompletableFuture.failedFuture(new DeliveryException(DeliveryException.Reason.INVALID_STANZA, message));
    }

    @Override
    public boolean domainSpeaksXmpp(Domain domain) {
        return router.domainSpeaksXmpp(domain.asString());
    }

    /** The (local domain, remote domain) pairs with an outgoing stream now, open or opening. */
    public Set<DomainPair> outgoingStreams() {
        return outgoing.pairs();
    }

    public S2sRouter router() {
        return router;
    }

    public void stop() {
        serverChannels.forEach(channel -> channel.close().syncUninterruptibly());
        serverChannels.clear();
        outgoing.stop();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        addressResolver.shutdownNow();
        verificationResolver.shutdownNow();
        stanzaHandlers.shutdown();
        secretRotator.ifPresent(DialbackSecretRotator::close);
    }

    @Override
    public void close() {
        stop();
    }
}
