package org.jamesxmpp.core.s2s.outbound;

import java.util.Optional;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * The steps every stream we open takes before it authenticates, whatever it is for: our header, the checks on the
 * peer's, STARTTLS (RFC 6120 4.2, 5.4). It decides and writes; the handler using it keeps the state.
 */
final class StreamOpening {
    private static final Logger LOGGER = LoggerFactory.getLogger(StreamOpening.class);

    /** What the features mean for TLS. */
    enum TlsStep {
        /** Both sides can: ask for it. */
        START,
        /** Required (by us or the peer) and not possible. */
        IMPOSSIBLE,
        /** Done already, or not possible and not required: authenticate. */
        NONE
    }

    private final DomainPair pair;
    private final Optional<TlsContexts> tls;

    StreamOpening(DomainPair pair, Optional<TlsContexts> tls) {
        this.pair = pair;
        this.tls = tls;
    }

    DomainPair pair() {
        return pair;
    }

    void sendHeader(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(StreamXml.header(pair.local(), Optional.of(pair.remote()), Optional.empty()));
    }

    /** After STARTTLS or SASL: a new XML document both ways. */
    void restart(ChannelHandlerContext ctx) {
        ctx.pipeline().get(XmppStreamDecoder.class).restart();
        sendHeader(ctx);
    }

    /**
     * @return why the stream cannot go on after this header, if it cannot
     * @throws StreamException when the peer's stream is not {@code jabber:server}
     */
    Optional<TerminationCause> checkHeader(ChannelHandlerContext ctx, StreamHeader header) {
        if (!StanzaCodec.SERVER_NAMESPACE.equals(header.defaultNamespace())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "peer stream is not jabber:server");
        }
        if (header.version().isEmpty() && !encrypted(ctx) && tlsRequired()) {
            return Optional.of(new TerminationCause(Reason.AUTHENTICATION_FAILED, "TLS required but "
                + pair.remote() + " answered without version='1.0' (no STARTTLS possible)"));
        }
        return Optional.empty();
    }

    TlsStep tlsStep(ChannelHandlerContext ctx, XmlElement features) {
        if (encrypted(ctx)) {
            return TlsStep.NONE;
        }
        Optional<XmlElement> startTls = features.child(StreamXml.TLS_NAMESPACE, "starttls");
        if (startTls.isPresent() && tls.isPresent()) {
            return TlsStep.START;
        }
        boolean peerRequiresTls = startTls.flatMap(element -> element.child(StreamXml.TLS_NAMESPACE, "required")).isPresent();
        return peerRequiresTls || tlsRequired() ? TlsStep.IMPOSSIBLE : TlsStep.NONE;
    }

    TerminationCause tlsImpossible() {
        return new TerminationCause(Reason.AUTHENTICATION_FAILED, "TLS required but not possible with " + pair.remote());
    }

    void startTls(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(StreamXml.startTls());
    }

    /** The answer to our {@code <starttls/>}: on {@code <proceed/>} the handshake starts, else the cause to end. */
    Optional<TerminationCause> tlsAnswered(ChannelHandlerContext ctx, XmlElement answer) {
        if (!"proceed".equals(answer.name())) {
            return Optional.of(new TerminationCause(Reason.AUTHENTICATION_FAILED, "STARTTLS refused by " + pair.remote()));
        }
        SslHandler sslHandler = tls.orElseThrow().clientHandler(ctx.alloc(), pair.remote());
        ctx.pipeline().addFirst("ssl", sslHandler);
        return Optional.empty();
    }

    TerminationCause handshakeFailed(SslHandshakeCompletionEvent handshake) {
        LOGGER.warn("TLS handshake with {} failed: {}", pair.remote(), LogSafe.of(handshake.cause()));
        Throwable cause = handshake.cause();
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new TerminationCause(Reason.AUTHENTICATION_FAILED, "TLS handshake failed: " + reason);
    }

    boolean encrypted(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    private boolean tlsRequired() {
        return tls.map(TlsContexts::required).orElse(false);
    }
}
