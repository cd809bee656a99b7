package org.jamesxmpp.core.s2s.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamEnd;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Our side of a stream we initiated: header, features, STARTTLS, SASL EXTERNAL or dialback,
 * XEP-0198 enable; then hands the channel to the {@link OutgoingStream}, or asks the db:verify
 * question of a {@link DialbackVerification}. One per channel.
 */
public class OutboundStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutboundStreamHandler.class);

    private enum State {
        AWAITING_HEADER, AWAITING_FEATURES, STARTTLS, SASL, DIALBACK, ENABLING_SM, ESTABLISHED, VERIFYING, CLOSING, CLOSED
    }

    private final OutboundPurpose purpose;
    private final DialbackKeys keys;
    private final Optional<TlsContexts> tls;
    private final boolean useStreamManagement;
    private final StreamManagementSupport streamManagementSupport;
    private final Duration responseTimeout;
    private State state = State.AWAITING_HEADER;
    private Optional<String> streamId = Optional.empty();
    private boolean dialbackDeclared;
    private boolean dialbackOffered;
    private boolean encrypted;
    private boolean authenticated;
    private boolean saslFailed;
    private boolean smOffered;
    private Optional<TerminationCause> cause = Optional.empty();
    private Optional<ScheduledFuture<?>> negotiationTimer = Optional.empty();

    public OutboundStreamHandler(OutboundPurpose purpose, DialbackKeys keys, Optional<TlsContexts> tls,
                                 boolean useStreamManagement, StreamManagementSupport streamManagementSupport,
                                 Duration responseTimeout) {
        this.streamManagementSupport = streamManagementSupport;
        this.purpose = purpose;
        this.keys = keys;
        this.tls = tls;
        this.useStreamManagement = useStreamManagement;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        negotiationTimer = Optional.of(ctx.executor().schedule(() -> negotiationTimedOut(ctx),
            responseTimeout.toMillis(), TimeUnit.MILLISECONDS));
        sendHeader(ctx);
        ctx.fireChannelActive();
    }

    private void sendHeader(ChannelHandlerContext ctx) {
        state = State.AWAITING_HEADER;
        ctx.writeAndFlush(StreamXml.header(purpose.pair().local(), Optional.of(purpose.pair().remote()), Optional.empty()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamHeader header) {
            onHeader(ctx, header);
        } else if (msg instanceof XmlElement element) {
            onElement(ctx, element);
        } else if (msg == StreamEnd.INSTANCE) {
            onPeerClose(ctx);
        }
    }

    private void onPeerClose(ChannelHandlerContext ctx) {
        if (cause.isEmpty()) {
            cause = Optional.of(new TerminationCause(Reason.STREAM_BROKEN, purpose.pair().remote() + " closed the stream"));
        }
        if (state == State.CLOSING) {
            ctx.close();
        } else {
            state = State.CLOSING;
            ctx.writeAndFlush(StreamXml.CLOSE).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void onHeader(ChannelHandlerContext ctx, StreamHeader header) {
        if (!StanzaCodec.SERVER_NAMESPACE.equals(header.defaultNamespace())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "peer stream is not jabber:server");
        }
        streamId = header.id();
        dialbackDeclared = header.dialbackDeclared();
        if (header.version().isEmpty() && !encrypted && tls.map(TlsContexts::required).orElse(false)) {
            closeStream(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "TLS required but "
                + purpose.pair().remote() + " answered without version='1.0' (no STARTTLS possible)"));
        } else if (header.version().isEmpty()) {
            authenticate(ctx);
        } else {
            state = State.AWAITING_FEATURES;
        }
    }

    private void onElement(ChannelHandlerContext ctx, XmlElement element) {
        String namespace = element.namespace();
        if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "features") && state == State.AWAITING_FEATURES) {
            onFeatures(ctx, element);
        } else if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "error")) {
            String condition = element.children().stream().findFirst().map(XmlElement::name).orElse("undefined-condition");
            LOGGER.warn("Stream error from {}: {}", purpose.pair().remote(), condition);
            if (state == State.ENABLING_SM && !smOffered && streamManagementSupport.refusedBy(purpose.pair().remote())) {
                closeStream(ctx, new TerminationCause(Reason.STREAM_BROKEN, purpose.pair().remote()
                    + " refused stream management", true));
                return;
            }
            Reason reason = state == State.ESTABLISHED ? Reason.STREAM_BROKEN : Reason.AUTHENTICATION_FAILED;
            closeStream(ctx, new TerminationCause(reason, "stream error " + condition + " from " + purpose.pair().remote()));
        } else if (StreamXml.TLS_NAMESPACE.equals(namespace) && state == State.STARTTLS) {
            onTlsAnswer(ctx, element);
        } else if (StreamXml.SASL_NAMESPACE.equals(namespace) && state == State.SASL) {
            onSaslAnswer(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "result") && state == State.DIALBACK) {
            onDialbackResult(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "result") && state == State.ESTABLISHED
            && purpose instanceof OutgoingStream stream
            && element.attribute("from").map(purpose.pair().remote()::equalsIgnoreCase).orElse(false)) {
            element.attribute("to").ifPresent(local -> stream.piggybackAnswered(local.toLowerCase(Locale.ROOT),
                "valid".equals(element.attribute("type").orElse(""))));
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "verify") && state == State.VERIFYING) {
            onVerifyAnswer(ctx, element);
        } else if (StreamXml.SM_NAMESPACE.equals(namespace)) {
            onStreamManagement(ctx, element);
        } else {
            LOGGER.debug("Ignoring <{} xmlns='{}'> from {} in state {}", element.name(), LogSafe.of(namespace),
                purpose.pair().remote(), state);
        }
    }

    private void onFeatures(ChannelHandlerContext ctx, XmlElement features) {
        Optional<XmlElement> startTls = features.child(StreamXml.TLS_NAMESPACE, "starttls");
        smOffered = smOffered || features.child(StreamXml.SM_NAMESPACE, "sm").isPresent();
        dialbackOffered = dialbackOffered || features.child(StreamXml.DIALBACK_FEATURE_NAMESPACE, "dialback").isPresent();
        if (!encrypted && startTls.isPresent() && tls.isPresent()) {
            state = State.STARTTLS;
            ctx.writeAndFlush("<starttls xmlns='" + StreamXml.TLS_NAMESPACE + "'/>");
            return;
        }
        boolean peerRequiresTls = startTls.flatMap(element -> element.child(StreamXml.TLS_NAMESPACE, "required")).isPresent();
        if (!encrypted && (peerRequiresTls || tls.map(TlsContexts::required).orElse(false))) {
            closeStream(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "TLS required but not possible with "
                + purpose.pair().remote()));
            return;
        }
        if (purpose instanceof DialbackVerification verification) {
            state = State.VERIFYING;
            ctx.writeAndFlush(StreamXml.dialbackVerify(purpose.pair().local(), purpose.pair().remote(),
                verification.streamId(), verification.key()));
            return;
        }
        if (authenticated) {
            afterAuthentication(ctx);
            return;
        }
        boolean external = features.child(StreamXml.SASL_NAMESPACE, "mechanisms").stream()
            .flatMap(mechanisms -> mechanisms.children().stream())
            .anyMatch(mechanism -> "EXTERNAL".equals(mechanism.text().trim()));
        if (encrypted && external && !saslFailed) {
            state = State.SASL;
            String authzid = Base64.getEncoder().encodeToString(purpose.pair().local().getBytes(StandardCharsets.UTF_8));
            ctx.writeAndFlush("<auth xmlns='" + StreamXml.SASL_NAMESPACE + "' mechanism='EXTERNAL'>" + authzid + "</auth>");
            return;
        }
        if (features.child(StreamXml.DIALBACK_FEATURE_NAMESPACE, "dialback").isPresent() || dialbackDeclared) {
            authenticate(ctx);
            return;
        }
        closeStream(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "no authentication method in common with "
            + purpose.pair().remote()));
    }

    private void authenticate(ChannelHandlerContext ctx) {
        if (purpose instanceof DialbackVerification verification) {
            state = State.VERIFYING;
            ctx.writeAndFlush(StreamXml.dialbackVerify(purpose.pair().local(), purpose.pair().remote(),
                verification.streamId(), verification.key()));
            return;
        }
        if (streamId.isEmpty()) {
            closeStream(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "peer stream has no id"));
            return;
        }
        state = State.DIALBACK;
        String key = keys.key(purpose.pair().remote(), purpose.pair().local(), streamId.get());
        ctx.writeAndFlush(StreamXml.dialbackResult(purpose.pair().local(), purpose.pair().remote(), key));
    }

    private void onTlsAnswer(ChannelHandlerContext ctx, XmlElement element) {
        if (!"proceed".equals(element.name())) {
            closeStream(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "STARTTLS refused by " + purpose.pair().remote()));
            return;
        }
        SslHandler sslHandler = tls.orElseThrow().clientHandler(ctx.alloc(), purpose.pair().remote());
        ctx.pipeline().addFirst("ssl", sslHandler);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                encrypted = true;
                ctx.pipeline().get(XmppStreamDecoder.class).restart();
                sendHeader(ctx);
            } else {
                LOGGER.warn("TLS handshake with {} failed: {}", purpose.pair().remote(), handshake.cause().toString());
                cause = Optional.of(new TerminationCause(Reason.AUTHENTICATION_FAILED, "TLS handshake failed: "
                    + handshake.cause().getMessage()));
                ctx.close();
            }
        } else if (event instanceof IdleStateEvent && purpose instanceof OutgoingStream stream && stream.isIdle()
            && state == State.ESTABLISHED) {
            LOGGER.info("Closing idle s2s stream {} -> {}", purpose.pair().local(), purpose.pair().remote());
            closeStream(ctx, new TerminationCause(Reason.STREAM_BROKEN, "idle stream closed"));
        }
        ctx.fireUserEventTriggered(event);
    }

    private void onSaslAnswer(ChannelHandlerContext ctx, XmlElement element) {
        if ("success".equals(element.name())) {
            authenticated = true;
            ctx.pipeline().get(XmppStreamDecoder.class).restart();
            sendHeader(ctx);
        } else {
            saslFailed = true;
            LOGGER.info("SASL EXTERNAL refused by {}, trying dialback", purpose.pair().remote());
            authenticate(ctx);
        }
    }

    private void onDialbackResult(ChannelHandlerContext ctx, XmlElement element) {
        String type = element.attribute("type").orElse("");
        if ("valid".equals(type)) {
            authenticated = true;
            afterAuthentication(ctx);
        } else {
            closeStream(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "dialback " + type + " from "
                + purpose.pair().remote()));
        }
    }

    private void afterAuthentication(ChannelHandlerContext ctx) {
        if (useStreamManagement && streamManagementSupport.shouldTry(purpose.pair().remote(), smOffered)) {
            state = State.ENABLING_SM;
            ctx.writeAndFlush("<enable xmlns='" + StreamXml.SM_NAMESPACE + "'/>");
        } else {
            established(ctx, false);
        }
    }

    private void established(ChannelHandlerContext ctx, boolean streamManagement) {
        state = State.ESTABLISHED;
        cancelNegotiationTimer();
        if (purpose instanceof OutgoingStream stream) {
            if ((dialbackOffered || dialbackDeclared) && streamId.isPresent()) {
                String id = streamId.get();
                String remote = purpose.pair().remote();
                stream.piggybackVia(local -> ctx.writeAndFlush(StreamXml.dialbackResult(local, remote,
                    keys.key(remote, local, id))));
            }
            stream.established(ctx, streamManagement);
        }
    }

    private void onVerifyAnswer(ChannelHandlerContext ctx, XmlElement element) {
        DialbackVerification verification = (DialbackVerification) purpose;
        boolean valid = "valid".equals(element.attribute("type").orElse(""))
            && element.attribute("id").map(verification.streamId()::equals).orElse(false);
        verification.outcome().complete(valid
            ? DialbackVerification.DialbackOutcome.VALID
            : DialbackVerification.DialbackOutcome.INVALID);
        cancelNegotiationTimer();
        closeStream(ctx, new TerminationCause(Reason.STREAM_BROKEN, "verification done"));
    }

    private void onStreamManagement(ChannelHandlerContext ctx, XmlElement element) {
        switch (element.name()) {
            case "enabled" -> {
                if (state == State.ENABLING_SM) {
                    established(ctx, true);
                }
            }
            case "failed" -> {
                if (state == State.ENABLING_SM) {
                    rememberUnadvertisedRefusal();
                    established(ctx, false);
                }
            }
            case "a" -> {
                if (purpose instanceof OutgoingStream stream) {
                    long h = element.attribute("h").map(Long::parseLong).orElse(0L);
                    stream.acked(h);
                }
            }
            case "r" -> ctx.writeAndFlush("<a xmlns='" + StreamXml.SM_NAMESPACE + "' h='0'/>");
            default -> LOGGER.debug("Ignoring stream management element {}", element.name());
        }
    }

    private void negotiationTimedOut(ChannelHandlerContext ctx) {
        negotiationTimer = Optional.empty();
        if (state == State.ENABLING_SM) {
            LOGGER.info("{} did not answer <enable/>: going on without stream management", purpose.pair().remote());
            rememberUnadvertisedRefusal();
            established(ctx, false);
            return;
        }
        if (state != State.ESTABLISHED && state != State.CLOSED) {
            cause = Optional.of(new TerminationCause(Reason.REMOTE_SERVER_TIMEOUT,
                purpose.pair().remote() + " did not answer in " + responseTimeout + " (state " + state + ")"));
            ctx.close();
        }
    }

    /**
     * A peer that did not advertise XEP-0198 and ignored or failed our {@code <enable/>} (ejabberd 23.01 drops it
     * silently) is not asked again: otherwise every new stream to it would wait a whole response timeout.
     */
    private void rememberUnadvertisedRefusal() {
        if (!smOffered) {
            streamManagementSupport.refusedBy(purpose.pair().remote());
        }
    }

    private void cancelNegotiationTimer() {
        negotiationTimer.ifPresent(timer -> timer.cancel(false));
        negotiationTimer = Optional.empty();
    }

    private void closeStream(ChannelHandlerContext ctx, TerminationCause terminationCause) {
        if (cause.isEmpty()) {
            cause = Optional.of(terminationCause);
        }
        if (state == State.CLOSING || state == State.CLOSED) {
            ctx.close();
            return;
        }
        state = State.CLOSING;
        ctx.writeAndFlush(StreamXml.CLOSE);
        ctx.executor().schedule(() -> ctx.close(), responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
        if (error instanceof StreamException streamError) {
            LOGGER.warn("Closing stream to {}: {}", purpose.pair().remote(), LogSafe.of(streamError.getMessage()));
            cause = Optional.of(new TerminationCause(Reason.STREAM_BROKEN, streamError.getMessage()));
            ctx.writeAndFlush(streamError.condition().toXml() + StreamXml.CLOSE).addListener(ChannelFutureListener.CLOSE);
        } else if (error instanceof AckTimeoutException) {
            cause = Optional.of(new TerminationCause(Reason.REMOTE_SERVER_TIMEOUT, error.getMessage()));
            ctx.close();
        } else {
            LOGGER.info("Stream to {} failed: {}", purpose.pair().remote(), LogSafe.of(error));
            cause = Optional.of(new TerminationCause(Reason.STREAM_BROKEN, error.toString()));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelNegotiationTimer();
        state = State.CLOSED;
        purpose.terminated(cause.orElse(new TerminationCause(Reason.STREAM_BROKEN, "connection to "
            + purpose.pair().remote() + " lost")));
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && purpose instanceof OutgoingStream stream) {
            stream.flush();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
