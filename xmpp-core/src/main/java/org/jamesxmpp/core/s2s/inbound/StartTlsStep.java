package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/** STARTTLS on an incoming stream (RFC 6120 5.4): {@code <proceed/>} and TLS, or {@code <failure/>} and the end. */
final class StartTlsStep {
    private static final Logger LOGGER = LoggerFactory.getLogger(StartTlsStep.class);

    private final Optional<TlsContexts> tls;
    private final InboundSession session;
    private final InboundClose close;

    StartTlsStep(Optional<TlsContexts> tls, InboundSession session, InboundClose close) {
        this.tls = tls;
        this.session = session;
        this.close = close;
    }

    /** Whether TLS is required and not in place yet: nothing but STARTTLS is allowed. */
    boolean missing() {
        return tls.map(TlsContexts::required).orElse(false) && session.tlsSession().isEmpty();
    }

    void onStartTls(ChannelHandlerContext ctx) {
        if (tls.isEmpty() || session.tlsSession().isPresent()) {
            close.close(ctx, InboundEnding.startTlsFailure());
            return;
        }
        // first in the pipeline, in start-TLS mode: the <proceed/> written next still goes out in clear
        ctx.pipeline().addFirst("ssl", tls.get().serverHandler(ctx.alloc()));
        ctx.writeAndFlush(StreamXml.startTlsProceed());
        session.restart(ctx, InboundEvent.STARTTLS_PROCEEDED);
    }

    void onHandshake(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        if (handshake.isSuccess()) {
            session.encrypted(ctx.pipeline().get(SslHandler.class).engine().getSession());
        } else {
            LOGGER.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), LogSafe.of(handshake.cause()));
            close.close(ctx, InboundEnding.drop());
        }
    }
}
