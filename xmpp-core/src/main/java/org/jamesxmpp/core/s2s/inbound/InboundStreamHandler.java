package org.jamesxmpp.core.s2s.inbound;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.NamespaceRewrite;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamEnd;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableMap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Our side of a stream a peer opened to us: answers the header, then routes each top-level element by the
 * {@link InboundState} to its step (STARTTLS, SASL EXTERNAL, dialback, XEP-0198) or, once authenticated, to
 * {@link InboundStanzas}. Every ending goes through {@link InboundClose}. One per channel, event-loop confined.
 */
public class InboundStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundStreamHandler.class);

    /** Authenticating may take a dialback round trip to the peer's authoritative server, hence more than one timeout. */
    private static final int AUTHENTICATION_DELAY_FACTOR = 3;

    private final InboundContext context;
    private final InboundSession session = new InboundSession();
    private final InboundClose close = new InboundClose(session);
    private final InboundStanzaFlow flow;
    private final StartTlsStep startTls;
    private final SaslExternalStep sasl;
    private final InboundDialback dialback;
    private final LocalDomainLookup lookup;

    public InboundStreamHandler(InboundContext context) {
        this.context = context;
        this.flow = new InboundStanzaFlow(context.inFlightBytes(),
            context.settings().inboundLimits().maxInFlightStanzas());
        this.startTls = new StartTlsStep(context.tls(), session, close);
        this.sasl = new SaslExternalStep(context.tls(), session, context.domainStreams());
        this.lookup = new LocalDomainLookup(context.localDomains(), context.stanzaExecutor(), session,
            new LocalDomainLookup.Reader() {
                @Override
                public void read(ChannelHandlerContext ctx, Object msg) {
                    dispatch(ctx, msg);
                }

                @Override
                public void failed(ChannelHandlerContext ctx, Throwable error) {
                    exceptionCaught(ctx, error);
                }
            });
        this.dialback = new InboundDialback(context, session, close, lookup);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!session.state().isAuthenticated() && session.state() != InboundState.CLOSED) {
                LOGGER.info("Incoming stream from {} did not authenticate in {}", ctx.channel().remoteAddress(),
                    context.settings().responseTimeout());
                close.close(ctx, InboundEnding.error(StreamErrorCondition.CONNECTION_TIMEOUT));
            }
        }, context.settings().responseTimeout().toMillis() * AUTHENTICATION_DELAY_FACTOR, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!lookup.hold(msg)) {
            dispatch(ctx, msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamHeader header) {
            onHeader(ctx, header);
        } else if (msg instanceof XmlElement element) {
            if (session.state().isOpen()) {
                onElement(ctx, element);
            }
        } else if (msg == StreamEnd.INSTANCE) {
            close.close(ctx, InboundEnding.streamEnd());
        }
    }

    private void onHeader(ChannelHandlerContext ctx, StreamHeader header) {
        session.newStream();
        String localDomain = InboundHeaderCheck.addressed(header);
        lookup.isLocal(ctx, localDomain, local -> {
            InboundHeaderCheck.served(header, local);
            answerHeader(ctx, header, localDomain);
        });
    }

    private void answerHeader(ChannelHandlerContext ctx, StreamHeader header, String localDomain) {
        Optional<String> from = header.from();
        session.headerAccepted(localDomain, from);
        session.apply(InboundEvent.HEADER_ANSWERED);
        ctx.write(StreamXml.header(localDomain, from, Optional.of(session.streamId())));
        if (header.version().isPresent()) {
            ctx.write(InboundFeatures.of(context, session.tlsSession(), from.filter(remote -> !session.isAuthenticated(remote))));
        }
        ctx.flush();
    }

    private void onElement(ChannelHandlerContext ctx, XmlElement element) {
        if (element.is(StreamXml.TLS_NAMESPACE, "starttls")) {
            startTls.onStartTls(ctx);
        } else if (startTls.missing()) {
            throw new StreamException(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS required first");
        } else if (element.is(StreamXml.SASL_NAMESPACE, "auth")) {
            sasl.onAuth(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "result")) {
            dialback.onResult(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "verify")) {
            dialback.onVerify(ctx, element);
        } else if (StreamXml.SM_NAMESPACE.equals(element.namespace())) {
            flow.onStreamManagement(ctx, element, context.settings().streamManagement() && session.state().isAuthenticated());
        } else if (StanzaCodec.isStanza(element)) {
            onStanza(ctx, element);
        } else if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "error")) {
            LOGGER.info("Stream error from peer {}: {}", LogSafe.of(session.headerFrom().orElse("?")),
                element.children().stream().findFirst().map(XmlElement::name).orElse("?"));
        } else {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                "<" + element.name() + " xmlns='" + element.namespace() + "'>");
        }
    }

    private void onStanza(ChannelHandlerContext ctx, XmlElement element) {
        if (!session.state().isAuthenticated()) {
            throw new StreamException(StreamErrorCondition.NOT_AUTHORIZED, "stanza before authentication");
        }
        Map<DomainPair, AuthMethod> pairs = ImmutableMap.copyOf(session.authenticated());
        boolean tls = session.tlsSession().isPresent();
        SocketAddress remote = ctx.channel().remoteAddress();
        flow.received(ctx, element, element.toXml(NamespaceRewrite.NONE).length(),
            () -> offLoop(() -> context.stanzas().accept(element, pairs, tls, remote)));
    }

    /** Lookups, mapping and spooling may block: never on the event loop. */
    private CompletionStage<Void> offLoop(Supplier<CompletionStage<Void>> handling) {
        try {
            return CompletableFuture.supplyAsync(handling, context.stanzaExecutor()).thenCompose(Function.identity());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StreamException(StreamErrorCondition.RESOURCE_CONSTRAINT,
                "no stanza handler free"));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            startTls.onHandshake(ctx, handshake);
        } else if (event instanceof IdleStateEvent) {
            LOGGER.debug("Closing idle incoming s2s stream from {}", LogSafe.of(session.headerFrom().orElse("?")));
            close.close(ctx, InboundEnding.streamEnd());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
        if (error instanceof StreamException streamError) {
            LOGGER.info("Stream error to {} ({}): {}", LogSafe.of(session.headerFrom().orElse("?")),
                ctx.channel().remoteAddress(), LogSafe.of(streamError.getMessage()));
            close.close(ctx, InboundEnding.error(streamError.condition()));
        } else {
            LOGGER.info("Incoming stream from {} failed: {}", ctx.channel().remoteAddress(), LogSafe.of(error));
            close.close(ctx, InboundEnding.drop());
        }
    }
}
