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

import org.jamesxmpp.core.s2s.AuthMethod;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamEnd;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.jamesxmpp.core.s2s.outbound.DomainPair;
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

    public InboundStreamHandler(InboundContext context) {
        this.context = context;
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
            ctx.write(features());
        }
        ctx.flush();
    }

    private String features() {
        StringBuilder features = new StringBuilder("<stream:features>");
        boolean encrypted = tlsSession.isPresent();
        if (context.tls().isPresent() && !encrypted) {
            features.append("<starttls xmlns='").append(StreamXml.TLS_NAMESPACE).append("'>")
                .append(context.tls().get().required() ? "<required/>" : "").append("</starttls>");
            if (context.tls().get().required()) {
                return features.append("</stream:features>").toString();
            }
        }
        if (encrypted && headerFrom.isPresent() && !isAuthenticated(headerFrom.get())
            && context.tls().get().peerCertificates().isTrustedFor(tlsSession.get(), headerFrom.get())) {
            features.append("<mechanisms xmlns='").append(StreamXml.SASL_NAMESPACE)
                .append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
        }
        features.append("<dialback xmlns='").append(StreamXml.DIALBACK_FEATURE_NAMESPACE).append("'><errors/></dialback>");
        if (context.settings().streamManagement()) {
            features.append("<sm xmlns='").append(StreamXml.SM_NAMESPACE).append("'/>");
        }
        return features.append("</stream:features>").toString();
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
            onDialbackResult(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "verify")) {
            onDialbackVerify(ctx, element);
        } else if (StreamXml.SM_NAMESPACE.equals(element.namespace())) {
            onStreamManagement(ctx, element);
        } else if (StanzaCodec.isStanza(element)) {
            onStanza(ctx, element);
        } else if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "error")) {
            LOGGER.info("Stream error from peer {}: {}", headerFrom.orElse("?"),
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
            LOGGER.debug("Closing idle incoming s2s stream from {}", headerFrom.orElse("?"));
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
        LOGGER.info("Incoming s2s stream from {} to {} authenticated by SASL EXTERNAL", headerFrom.get(), localDomain.get());
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

    private void onDialbackResult(ChannelHandlerContext ctx, XmlElement result) {
        String from = result.attribute("from").map(InboundStreamHandler::normalize)
            .orElseThrow(() -> improperAddressing("db:result without from"));
        String to = result.attribute("to").map(InboundStreamHandler::normalize)
            .orElseThrow(() -> improperAddressing("db:result without to"));
        boolean piggybacked = !authenticated.isEmpty();
        if (!context.localDomains().isLocal(to)) {
            if (piggybacked) {
                ctx.writeAndFlush(StreamXml.dialbackResultError(to, from, "item-not-found"));
                return;
            }
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "db:result to " + to);
        }
        String verifiedStreamId = streamId;
        context.verifier().verify(to, from, verifiedStreamId, result.text().trim())
            .whenComplete((outcome, error) -> ctx.executor().execute(() -> {
                if (!ctx.channel().isActive() || state == State.CLOSING) {
                    return;
                }
                DialbackOutcome effective = error == null ? outcome : DialbackOutcome.UNREACHABLE;
                switch (effective) {
                    case VALID -> {
                        authenticated.put(new DomainPair(to, from), AuthMethod.DIALBACK);
                        LOGGER.info("Incoming s2s stream from {} to {} authenticated by dialback", from, to);
                        ctx.writeAndFlush(StreamXml.dialbackResultType(to, from, "valid"));
                    }
                    case INVALID -> {
                        ctx.write(StreamXml.dialbackResultType(to, from, "invalid"));
                        if (piggybacked) {
                            LOGGER.warn("Dialback key from {} for {} is invalid: refusing that domain pair", from, to);
                            ctx.flush();
                        } else {
                            LOGGER.warn("Dialback key from {} for {} is invalid: refusing the stream", from, to);
                            sendStreamError(ctx, StreamErrorCondition.NOT_AUTHORIZED);
                        }
                    }
                    case UNREACHABLE -> ctx.writeAndFlush(StreamXml.dialbackResultError(to, from, "remote-server-not-found"));
                }
            }));
    }

    private void onDialbackVerify(ChannelHandlerContext ctx, XmlElement verify) {
        String from = verify.attribute("from").orElseThrow(() -> improperAddressing("db:verify without from"));
        String to = verify.attribute("to").orElseThrow(() -> improperAddressing("db:verify without to"));
        String id = verify.attribute("id").orElseThrow(() -> improperAddressing("db:verify without id"));
        if (!context.localDomains().isLocal(to)) {
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "db:verify to " + to);
        }
        boolean valid = context.keys().isValid(from, to, id, verify.text());
        ctx.writeAndFlush(StreamXml.dialbackVerifyType(to, from, id, valid ? "valid" : "invalid"));
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

    private static StreamException improperAddressing(String message) {
        return new StreamException(StreamErrorCondition.IMPROPER_ADDRESSING, message);
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
            LOGGER.info("Stream error to {} ({}): {}", headerFrom.orElse("?"), ctx.channel().remoteAddress(),
                streamError.getMessage());
            if (state != State.CLOSING) {
                sendStreamError(ctx, streamError.condition());
            }
        } else {
            LOGGER.info("Incoming stream from {} failed: {}", ctx.channel().remoteAddress(), error.toString());
            ctx.close();
        }
    }
}
