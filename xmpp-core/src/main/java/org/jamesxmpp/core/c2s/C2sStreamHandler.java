package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamEnd;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.inbound.LocalDomainLookup;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Our side of a client stream (RFC 6120): header checks, STARTTLS (or direct TLS, XEP-0368), SASL (PLAIN, SCRAM-SHA-512), resource binding, then the bound
 * client's stanzas; XEP-0198 acknowledgements and resumption ({@link ClientStreamManagement}), what becomes of the session
 * when the stream ends ({@link SessionEnding}). One state, changed only by {@link #transition}; one close path, {@link #close}. One per
 * channel, event-loop confined.
 */
public class C2sStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(C2sStreamHandler.class);

    enum State {
        CONNECTED, SECURED, AUTHENTICATED, BOUND, CLOSED
    }

    private final C2sContext context;
    private final SaslNegotiation sasl;
    private final ClientStanzas stanzas;
    private final LocalDomainLookup lookup;
    private final ClientStreamManagement streamManagement;
    private final SessionEnding ending;
    private State state;
    private boolean tls;
    private boolean headerSent;
    private String streamId = newStreamId();
    private Optional<String> domain = Optional.empty();
    private Optional<EntityBareJid> user = Optional.empty();
    private AuthMethod authMethod = AuthMethod.CLIENT_SASL_PLAIN;
    private Optional<ChannelSession> session = Optional.empty();

    C2sStreamHandler(C2sContext context) {
        this(context, false);
    }

    /** @param directTls TLS from the first byte (XEP-0368): the stream starts secured, STARTTLS is not offered */
    C2sStreamHandler(C2sContext context, boolean directTls) {
        this.context = context;
        this.state = directTls ? State.SECURED : State.CONNECTED;
        this.sasl = new SaslNegotiation(context, new SaslNegotiation.Stream() {
            @Override
            public boolean isOpen() {
                return state != State.CLOSED;
            }

            @Override
            public void authenticated(ChannelHandlerContext ctx, EntityBareJid jid, AuthMethod method, String success) {
                user = Optional.of(jid);
                authMethod = method;
                ctx.writeAndFlush(success);
                transition(ctx, State.AUTHENTICATED);
            }

            @Override
            public void fail(ChannelHandlerContext ctx, StreamErrorCondition condition) {
                close(ctx, Optional.of(condition));
            }
        });
        this.stanzas = new ClientStanzas(context);
        this.streamManagement = new ClientStreamManagement(context.settings().limits(), context.sessions());
        this.ending = new SessionEnding(context);
        this.lookup = new LocalDomainLookup(context.localDomains(), context.domainLookups(), () -> state == State.CLOSED,
            LocalDomainLookup.Reading.AUTO_READ, new LocalDomainLookup.Reader() {
                @Override
                public void read(ChannelHandlerContext ctx, Object msg) {
                    dispatch(ctx, msg);
                }

                @Override
                public void failed(ChannelHandlerContext ctx, Throwable error) {
                    exceptionCaught(ctx, error);
                }
            });
    }

    private static String newStreamId() {
        return UUID.randomUUID().toString();
    }

    State state() {
        return state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (state != State.BOUND && state != State.CLOSED) {
                LOGGER.info("Client {} did not log in within {}", ctx.channel().remoteAddress(),
                    context.settings().limits().authenticationTimeout());
                close(ctx, Optional.of(StreamErrorCondition.CONNECTION_TIMEOUT));
            }
        }, context.settings().limits().authenticationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSED || lookup.hold(msg)) {
            return;
        }
        dispatch(ctx, msg);
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamHeader header) {
            onHeader(ctx, header);
        } else if (msg instanceof XmlElement element) {
            onElement(ctx, element);
        } else if (msg == StreamEnd.INSTANCE) {
            close(ctx, Optional.empty());
        }
    }

    private void onHeader(ChannelHandlerContext ctx, StreamHeader header) {
        streamId = newStreamId();
        if (!StanzaCodec.CLIENT_NAMESPACE.equals(header.defaultNamespace())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "stream namespace is not jabber:client");
        }
        Optional<String> to = header.to().map(String::toLowerCase);
        if (to.isEmpty() || (domain.isPresent() && !domain.equals(to))) {
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "we do not serve " + to.orElse("(no to)"));
        }
        lookup.isLocal(ctx, to.get(), local -> {
            if (!local) {
                throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "we do not serve " + to.get());
            }
            answerHeader(ctx, header, to.get());
        });
    }

    private void answerHeader(ChannelHandlerContext ctx, StreamHeader header, String to) {
        if (header.version().filter(version -> version.startsWith("1.")).isEmpty()) {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_VERSION, "version " + header.version().orElse("(none)"));
        }
        domain = Optional.of(to);
        headerSent = true;
        ctx.writeAndFlush(ClientStreamXml.header(to, streamId) + ClientStreamXml.features(state, context.tls().isPresent(),
            context.settings().tlsRequired(), context.authenticator().offersScramSha512()));
    }

    private void onElement(ChannelHandlerContext ctx, XmlElement element) {
        if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "error")) {
            LOGGER.debug("Stream error from client {}", ctx.channel().remoteAddress());
            close(ctx, Optional.empty());
            return;
        }
        switch (state) {
            case CONNECTED, SECURED -> {
                if (state == State.CONNECTED && element.is(StreamXml.TLS_NAMESPACE, "starttls")) {
                    onStartTls(ctx);
                } else if (SaslNegotiation.isSasl(element)) {
                    sasl.onElement(ctx, element, domain.orElseThrow(),
                        state == State.SECURED || tls || !context.settings().tlsRequired());
                } else {
                    throw new StreamException(StreamErrorCondition.NOT_AUTHORIZED, "<" + element.name() + "> before authentication");
                }
            }
            case AUTHENTICATED -> {
                if (element.is(StreamXml.SM_NAMESPACE, "resume")) {
                    onResume(ctx, element);
                } else if (ClientStreamManagement.isStreamManagement(element)) {
                    streamManagement.beforeBinding(element).ifPresent(ctx::writeAndFlush);
                } else {
                    onBind(ctx, element);
                }
            }
            case BOUND -> {
                if (ClientStreamManagement.isStreamManagement(element)) {
                    streamManagement.onBound(element, session.orElseThrow()).ifPresent(ctx::writeAndFlush);
                } else {
                    stanzas.onStanza(element, session.orElseThrow(), domain.orElseThrow());
                    session.orElseThrow().handledStanza();
                }
            }
            case CLOSED -> {
                // nothing more is read
            }
        }
    }

    private void onStartTls(ChannelHandlerContext ctx) {
        Optional<TlsContexts> tlsContexts = context.tls();
        if (tlsContexts.isEmpty()) {
            ctx.writeAndFlush("<failure xmlns='" + StreamXml.TLS_NAMESPACE + "'/>");
            close(ctx, Optional.empty());
            return;
        }
        ctx.pipeline().addFirst("ssl", tlsContexts.get().serverHandler(ctx.alloc()));
        ctx.writeAndFlush(ClientStreamXml.proceed());
        transition(ctx, State.SECURED);
    }

    private void onBind(ChannelHandlerContext ctx, XmlElement element) {
        ResourceBinding.onRequest(context.sessions(), ending, ctx, element, user.orElseThrow(), authMethod)
            .ifPresent(bound -> bound(ctx, bound, "bound"));
    }

    private void onResume(ChannelHandlerContext ctx, XmlElement resume) {
        streamManagement.resume(ctx, resume, user.orElseThrow()).ifPresent(resumed -> bound(ctx, resumed, "resumed"));
    }

    private void bound(ChannelHandlerContext ctx, ChannelSession bound, String how) {
        session = Optional.of(bound);
        transition(ctx, State.BOUND);
        LOGGER.info("Client {} {} {}", ctx.channel().remoteAddress(), how, LogSafe.of(bound.jid()));
    }

    /** The only place the state changes. */
    private void transition(ChannelHandlerContext ctx, State next) {
        Preconditions.checkState(allowed(state, next), "c2s stream cannot go from %s to %s", state, next);
        state = next;
        switch (next) {
            case SECURED, AUTHENTICATED -> {
                ctx.pipeline().get(XmppStreamDecoder.class).restart();
                headerSent = false;
            }
            default -> {
                // BOUND: the session was registered by the binding or resumed; CLOSED: SessionEnding decides what
                // becomes of it
            }
        }
    }

    private static boolean allowed(State from, State to) {
        return switch (to) {
            case SECURED -> from == State.CONNECTED;
            case AUTHENTICATED -> from == State.CONNECTED || from == State.SECURED;
            case BOUND -> from == State.AUTHENTICATED;
            case CLOSED -> from != State.CLOSED;
            case CONNECTED -> false;
        };
    }

    private void close(ChannelHandlerContext ctx, Optional<StreamErrorCondition> condition) {
        close(ctx, condition, false);
    }

    /**
     * The only way a stream ends: an optional stream error, our closing tag, then the connection.
     *
     * @param connectionLost whether the session may be kept for XEP-0198 resumption (see {@link SessionEnding})
     */
    private void close(ChannelHandlerContext ctx, Optional<StreamErrorCondition> condition, boolean connectionLost) {
        if (state == State.CLOSED) {
            ctx.close();
            return;
        }
        String prefix = headerSent ? "" : ClientStreamXml.anonymousHeader(streamId);
        end(ctx, connectionLost);
        String closing = prefix + condition.map(StreamErrorCondition::toXml).orElse("") + StreamXml.CLOSE;
        // behind the session's stanzas already on their way through the event loop's task queue (ClientOutput)
        ctx.executor().execute(() -> ctx.writeAndFlush(closing).addListener(ChannelFutureListener.CLOSE));
    }

    private void end(ChannelHandlerContext ctx, boolean connectionLost) {
        transition(ctx, State.CLOSED);
        session.ifPresent(bound -> ending.streamEnded(ctx, bound, connectionLost));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            end(ctx, true);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                tls = true;
            } else {
                LOGGER.info("TLS handshake with client {} failed: {}", ctx.channel().remoteAddress(), LogSafe.of(handshake.cause()));
                close(ctx, Optional.empty());
            }
        } else if (event instanceof IdleStateEvent) {
            LOGGER.debug("Closing idle client stream {}", ctx.channel().remoteAddress());
            close(ctx, Optional.of(StreamErrorCondition.CONNECTION_TIMEOUT), true);
        } else if (event == ClientOutput.Overflowed.INSTANCE) {
            LOGGER.info("Client {} did not acknowledge {} stanzas: closing its stream",
                LogSafe.of(user.map(Object::toString).orElse("?")), context.settings().limits().maxUnacknowledgedStanzas());
            close(ctx, Optional.of(StreamErrorCondition.RESOURCE_CONSTRAINT));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
        if (error instanceof StreamException streamError) {
            LOGGER.info("Stream error to client {} ({}): {}", LogSafe.of(user.map(Object::toString).orElse("?")),
                ctx.channel().remoteAddress(), LogSafe.of(streamError.getMessage()));
            close(ctx, Optional.of(streamError.condition()));
        } else {
            LOGGER.info("Client stream from {} failed: {}", ctx.channel().remoteAddress(), LogSafe.of(error));
            if (state != State.CLOSED) {
                end(ctx, true);
            }
            ctx.close();
        }
    }
}
