package org.jamesxmpp.core.s2s.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamEnd;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Our side of a stream a peer opened to us: header checks, features, STARTTLS, SASL EXTERNAL,
 * dialback (result and verify), XEP-0198; authenticated stanzas go to {@link InboundStanzas}.
 * One per channel, event-loop confined.
 */
public class InboundStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundStreamHandler.class);

    private enum State {
        AWAITING_HEADER, OPEN, CLOSING
    }

    /** Authenticating may take a dialback round trip to the peer's authoritative server, hence more than one timeout. */
    private static final int AUTHENTICATION_DELAY_FACTOR = 3;

    private final InboundContext context;
    private final Map<DomainPair, AuthMethod> authenticated = new HashMap<>();
    private final InboundStanzaFlow flow = new InboundStanzaFlow();
    private State state = State.AWAITING_HEADER;
    private String streamId = newStreamId();
    private boolean headerSent;
    private Optional<String> localDomain = Optional.empty();
    private Optional<String> headerFrom = Optional.empty();
    private Optional<SSLSession> tlsSession = Optional.empty();
    private final DialbackResults dialbackResults;

    public InboundStreamHandler(InboundContext context) {
        this.context = context;
        this.dialbackResults = new DialbackResults(context, authenticated, new DialbackResults.Stream() {
            @Override
            public String streamId() {
                return streamId;
            }

            @Override
            public boolean isOpen() {
                return state != State.CLOSING;
            }

            @Override
            public void fail(ChannelHandlerContext ctx, StreamErrorCondition condition) {
                sendStreamError(ctx, condition);
            }
        });
    }

    private static String newStreamId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (authenticated.isEmpty() && ctx.channel().isActive() && state != State.CLOSING) {
                LOGGER.info("Incoming stream from {} did not authenticate in {}", ctx.channel().remoteAddress(),
                    context.settings().responseTimeout());
                sendStreamError(ctx, StreamErrorCondition.CONNECTION_TIMEOUT);
            }
        }, context.settings().responseTimeout().toMillis() * AUTHENTICATION_DELAY_FACTOR, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamHeader header) {
            onHeader(ctx, header);
        } else if (msg instanceof XmlElement element) {
            onElement(ctx, element);
        } else if (msg == StreamEnd.INSTANCE) {
            closeStream(ctx);
        }
    }

    private void onHeader(ChannelHandlerContext ctx, StreamHeader header) {
        streamId = newStreamId();
        if (!StanzaCodec.SERVER_NAMESPACE.equals(header.defaultNamespace())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "stream namespace is not jabber:server");
        }
        Optional<String> to = header.to();
        if (to.isEmpty() || !context.localDomains().isLocal(to.get())) {
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "we do not serve " + to.orElse("(no to)"));
        }
        if (header.version().filter(version -> !version.startsWith("1.")).isPresent()) {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_VERSION, "version " + header.version().get());
        }
        localDomain = to;
        headerFrom = header.from();
        state = State.OPEN;
        headerSent = true;
        ctx.write(StreamXml.header(to.get(), headerFrom, Optional.of(streamId)));
        if (header.version().isPresent()) {
            ctx.write(StreamFeatures.of(context, tlsSession, headerFrom.filter(from -> !isAuthenticated(from))));
        }
        ctx.flush();
    }

    private boolean isAuthenticated(String remote) {
        return authenticated.keySet().stream().anyMatch(pair -> pair.remote().equals(remote));
    }

    private void onElement(ChannelHandlerContext ctx, XmlElement element) {
        if (state != State.OPEN) {
            return;
        }
        boolean tlsMissing = context.tls().map(TlsContexts::required).orElse(false) && tlsSession.isEmpty();
        if (element.is(StreamXml.TLS_NAMESPACE, "starttls")) {
            onStartTls(ctx);
        } else if (tlsMissing) {
            throw new StreamException(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS required first");
        } else if (element.is(StreamXml.SASL_NAMESPACE, "auth")) {
            onSaslAuth(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "result")) {
            dialbackResults.onResult(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "verify")) {
            dialbackResults.onVerify(ctx, element);
        } else if (StreamXml.SM_NAMESPACE.equals(element.namespace())) {
            onStreamManagement(ctx, element);
        } else if (StanzaCodec.isStanza(element)) {
            onStanza(ctx, element);
        } else if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "error")) {
            LOGGER.info("Stream error from peer {}: {}", LogSafe.of(headerFrom.orElse("?")),
                element.children().stream().findFirst().map(XmlElement::name).orElse("?"));
        } else {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                "<" + element.name() + " xmlns='" + element.namespace() + "'>");
        }
    }

    private void onStartTls(ChannelHandlerContext ctx) {
        if (context.tls().isEmpty() || tlsSession.isPresent()) {
            ctx.writeAndFlush("<failure xmlns='" + StreamXml.TLS_NAMESPACE + "'/>" + StreamXml.CLOSE)
                .addListener(ChannelFutureListener.CLOSE);
            state = State.CLOSING;
            return;
        }
        ctx.pipeline().addFirst("ssl", context.tls().get().serverHandler(ctx.alloc()));
        ctx.writeAndFlush("<proceed xmlns='" + StreamXml.TLS_NAMESPACE + "'/>");
        restartStream(ctx);
    }

    private void restartStream(ChannelHandlerContext ctx) {
        ctx.pipeline().get(XmppStreamDecoder.class).restart();
        state = State.AWAITING_HEADER;
        headerSent = false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                tlsSession = Optional.of(ctx.pipeline().get(SslHandler.class).engine().getSession());
            } else {
                LOGGER.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), handshake.cause().toString());
                ctx.close();
            }
        } else if (event instanceof IdleStateEvent) {
            LOGGER.debug("Closing idle incoming s2s stream from {}", LogSafe.of(headerFrom.orElse("?")));
            closeStream(ctx);
        }
        ctx.fireUserEventTriggered(event);
    }

    private void onSaslAuth(ChannelHandlerContext ctx, XmlElement auth) {
        String authzid = decodeAuthzid(auth.text().trim());
        boolean accepted = "EXTERNAL".equals(auth.attribute("mechanism").orElse(""))
            && tlsSession.isPresent()
            && headerFrom.isPresent()
            && (authzid.isEmpty() || authzid.equals(headerFrom.get()))
            && context.tls().get().peerCertificates().isTrustedFor(tlsSession.get(), headerFrom.get());
        if (!accepted) {
            ctx.writeAndFlush("<failure xmlns='" + StreamXml.SASL_NAMESPACE + "'><not-authorized/></failure>");
            return;
        }
        authenticated.put(new DomainPair(normalize(localDomain.orElseThrow()), normalize(headerFrom.get())),
            AuthMethod.SASL_EXTERNAL);
        LOGGER.info("Incoming s2s stream from {} to {} authenticated by SASL EXTERNAL", LogSafe.of(headerFrom.get()),
            localDomain.get());
        ctx.writeAndFlush("<success xmlns='" + StreamXml.SASL_NAMESPACE + "'/>");
        restartStream(ctx);
    }

    private static String decodeAuthzid(String text) {
        if (text.isEmpty() || "=".equals(text)) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\u0000invalid";
        }
    }

    private void onStreamManagement(ChannelHandlerContext ctx, XmlElement element) {
        switch (element.name()) {
            case "enable" -> {
                if (context.settings().streamManagement() && !authenticated.isEmpty() && !flow.streamManagement()) {
                    flow.enableStreamManagement();
                    ctx.writeAndFlush("<enabled xmlns='" + StreamXml.SM_NAMESPACE + "'/>");
                } else {
                    ctx.writeAndFlush("<failed xmlns='" + StreamXml.SM_NAMESPACE + "'><unexpected-request xmlns='"
                        + StreamXml.STANZA_ERROR_NAMESPACE + "'/></failed>");
                }
            }
            case "r" -> flow.ackRequested(ctx);
            default -> LOGGER.debug("Ignoring stream management element {}", element.name());
        }
    }

    private void onStanza(ChannelHandlerContext ctx, XmlElement element) {
        if (authenticated.isEmpty()) {
            throw new StreamException(StreamErrorCondition.NOT_AUTHORIZED, "stanza before authentication");
        }
        flow.received(ctx, element, () -> context.stanzas().accept(element, authenticated, tlsSession.isPresent(),
            ctx.channel().remoteAddress()));
    }

    private static String normalize(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    private void closeStream(ChannelHandlerContext ctx) {
        if (state == State.CLOSING) {
            ctx.close();
            return;
        }
        state = State.CLOSING;
        ctx.writeAndFlush(StreamXml.CLOSE).addListener(ChannelFutureListener.CLOSE);
    }

    private void sendStreamError(ChannelHandlerContext ctx, StreamErrorCondition condition) {
        String prefix = headerSent ? "" : StreamXml.anonymousHeader(streamId);
        state = State.CLOSING;
        ctx.writeAndFlush(prefix + condition.toXml() + StreamXml.CLOSE).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
        if (error instanceof StreamException streamError) {
            LOGGER.info("Stream error to {} ({}): {}", LogSafe.of(headerFrom.orElse("?")), ctx.channel().remoteAddress(),
                LogSafe.of(streamError.getMessage()));
            if (state != State.CLOSING) {
                sendStreamError(ctx, streamError.condition());
            }
        } else {
            LOGGER.info("Incoming stream from {} failed: {}", ctx.channel().remoteAddress(), LogSafe.of(error));
            ctx.close();
        }
    }
}
