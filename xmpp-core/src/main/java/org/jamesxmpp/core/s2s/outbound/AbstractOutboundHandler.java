package org.jamesxmpp.core.s2s.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StreamEnd;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * What every stream we open does, whatever it is for: our header and the checks on the peer's, STARTTLS, the
 * negotiation deadline, and the one {@link ClosePath}. A subclass names its own states (one enum, one transition
 * table: {@link StreamStates}), among them those of {@link Opening}, and takes over once TLS is settled
 * ({@link #negotiated}). Confined to the channel's event loop.
 */
abstract class AbstractOutboundHandler<S extends Enum<S>> extends ChannelInboundHandlerAdapter {
    /** The states of the subclass's enum that the steps common to every stream we open go through. */
    record Opening<S>(S awaitingHeader, S awaitingFeatures, S startTls, S tlsHandshake, S closing, S closed) {
    }

    protected final DomainPair pair;
    protected final StreamStates<S> states;
    protected final ClosePath<S> closePath;
    protected final ResponseTimer timer;
    protected final StreamOpening opening;
    private final Opening<S> common;

    AbstractOutboundHandler(DomainPair pair, Optional<TlsContexts> tls, Duration responseTimeout, S initial,
                            Map<S, Set<S>> transitions, Opening<S> common) {
        this.pair = pair;
        this.common = common;
        this.states = new StreamStates<>(initial, transitions);
        this.closePath = new ClosePath<>(pair, states, common.closing(), common.closed(), responseTimeout);
        this.timer = new ResponseTimer(responseTimeout);
        this.opening = new StreamOpening(pair, tls);
    }

    S state() {
        return states.current();
    }

    /**
     * The peer's header, in {@code awaitingHeader} or a subclass state, when it allows going on.
     * In {@code awaitingHeader}, a header with a version announces features; one without is a pre-1.0 peer.
     */
    abstract void header(ChannelHandlerContext ctx, StreamHeader header);

    /** TLS is settled (done, or not needed): authenticate, or do what the stream is for. */
    abstract void negotiated(ChannelHandlerContext ctx, XmlElement features);

    /** An element neither the opening nor the close path takes. */
    abstract void element(ChannelHandlerContext ctx, XmlElement element);

    /** The peer sent a stream error: we close, never cleanly. */
    void streamError(ChannelHandlerContext ctx, XmlElement error) {
        closePath.peerError(ctx, error, Reason.AUTHENTICATION_FAILED);
    }

    /** The negotiation deadline passed; by default a stream not established by then is given up. */
    void timedOut(ChannelHandlerContext ctx) {
        if (!states.isAnyOf(common.closing(), common.closed())) {
            closePath.abort(ctx, new TerminationCause(Reason.REMOTE_SERVER_TIMEOUT,
                pair.remote() + " did not answer in " + timer.timeout() + " (state " + states.current() + ")"));
        }
    }

    /** The channel is gone, with the cause everything the stream carried is settled with. */
    abstract void terminated(TerminationCause cause);

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timer.arm(ctx.executor(), () -> timedOut(ctx));
        states.moveTo(common.awaitingHeader());
        opening.sendHeader(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamHeader header) {
            opening.checkHeader(ctx, header).ifPresentOrElse(cause -> closePath.close(ctx, cause),
                () -> header(ctx, header));
        } else if (msg instanceof XmlElement element) {
            read(ctx, element);
        } else if (msg == StreamEnd.INSTANCE) {
            closePath.peerClosed(ctx);
        }
    }

    private void read(ChannelHandlerContext ctx, XmlElement element) {
        if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "features") && states.is(common.awaitingFeatures())) {
            features(ctx, element);
        } else if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "error")) {
            streamError(ctx, element);
        } else if (StreamXml.TLS_NAMESPACE.equals(element.namespace()) && states.is(common.startTls())) {
            opening.tlsAnswered(ctx, element).ifPresentOrElse(cause -> closePath.close(ctx, cause),
                () -> states.moveTo(common.tlsHandshake()));
        } else {
            element(ctx, element);
        }
    }

    private void features(ChannelHandlerContext ctx, XmlElement features) {
        switch (opening.tlsStep(ctx, features)) {
            case START -> {
                states.moveTo(common.startTls());
                opening.startTls(ctx);
            }
            case IMPOSSIBLE -> closePath.close(ctx, opening.tlsImpossible());
            case NONE -> negotiated(ctx, features);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && states.is(common.tlsHandshake())) {
            if (handshake.isSuccess()) {
                states.moveTo(common.awaitingHeader());
                opening.restart(ctx);
            } else {
                closePath.abort(ctx, opening.handshakeFailed(handshake));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
        closePath.failed(ctx, error);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        terminated(closePath.closed());
        ctx.fireChannelInactive();
    }
}
