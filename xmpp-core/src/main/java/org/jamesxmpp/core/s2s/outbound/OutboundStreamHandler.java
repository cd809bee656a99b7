package org.jamesxmpp.core.s2s.outbound;

import static org.jamesxmpp.core.s2s.outbound.StreamStates.to;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableMap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Our side of a stream we opened to carry stanzas: after the opening (header, STARTTLS), SASL EXTERNAL or dialback,
 * XEP-0198 enable; then the stream's {@link OutboundStreamListener} writes the stanzas, and hears from here what the
 * peer answers and how the stream ended. One per channel.
 */
public class OutboundStreamHandler extends AbstractOutboundHandler<OutboundStreamHandler.State> {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutboundStreamHandler.class);

    enum State {
        CONNECTING, AWAITING_HEADER, AWAITING_FEATURES, STARTTLS, TLS_HANDSHAKE, SASL, SASL_RESTART, DIALBACK,
        ENABLING_SM, ESTABLISHED, CLOSING, CLOSED
    }

    static final Map<State, Set<State>> TRANSITIONS = ImmutableMap.<State, Set<State>>builder()
        .put(State.CONNECTING, to(State.AWAITING_HEADER, State.CLOSED))
        .put(State.AWAITING_HEADER, to(State.AWAITING_FEATURES, State.DIALBACK, State.CLOSING, State.CLOSED))
        .put(State.AWAITING_FEATURES, to(State.STARTTLS, State.SASL, State.DIALBACK, State.CLOSING, State.CLOSED))
        .put(State.STARTTLS, to(State.TLS_HANDSHAKE, State.CLOSING, State.CLOSED))
        .put(State.TLS_HANDSHAKE, to(State.AWAITING_HEADER, State.CLOSING, State.CLOSED))
        .put(State.SASL, to(State.SASL_RESTART, State.DIALBACK, State.CLOSING, State.CLOSED))
        .put(State.SASL_RESTART, to(State.ENABLING_SM, State.ESTABLISHED, State.CLOSING, State.CLOSED))
        .put(State.DIALBACK, to(State.ENABLING_SM, State.ESTABLISHED, State.CLOSING, State.CLOSED))
        .put(State.ENABLING_SM, to(State.ESTABLISHED, State.CLOSING, State.CLOSED))
        .put(State.ESTABLISHED, to(State.CLOSING, State.CLOSED))
        .put(State.CLOSING, to(State.CLOSED))
        .build();
    private static final Opening<State> OPENING = new Opening<>(State.AWAITING_HEADER, State.AWAITING_FEATURES,
        State.STARTTLS, State.TLS_HANDSHAKE, State.CLOSING, State.CLOSED);

    private final OutboundStreamListener listener;
    private final DialbackKeys keys;
    private final boolean useStreamManagement;
    private final StreamManagementSupport streamManagementSupport;
    private PeerOffers offers = PeerOffers.NONE;

    public OutboundStreamHandler(DomainPair pair, OutboundStreamListener listener, DialbackKeys keys,
                                 Optional<TlsContexts> tls, boolean useStreamManagement,
                                 StreamManagementSupport streamManagementSupport, Duration responseTimeout) {
        super(pair, tls, responseTimeout, State.CONNECTING, TRANSITIONS, OPENING);
        this.listener = listener;
        this.keys = keys;
        this.useStreamManagement = useStreamManagement;
        this.streamManagementSupport = streamManagementSupport;
    }

    @Override
    void header(ChannelHandlerContext ctx, StreamHeader header) {
        offers = offers.withHeader(header);
        if (states.is(State.SASL_RESTART) && header.version().isEmpty()) {
            authenticated(ctx);
        } else if (states.is(State.AWAITING_HEADER) && header.version().isEmpty()) {
            dialback(ctx);
        } else if (states.is(State.AWAITING_HEADER)) {
            states.moveTo(State.AWAITING_FEATURES);
        }
    }

    @Override
    void negotiated(ChannelHandlerContext ctx, XmlElement features) {
        offers = offers.withFeatures(features);
        if (opening.encrypted(ctx) && PeerOffers.offersSaslExternal(features)) {
            states.moveTo(State.SASL);
            ctx.writeAndFlush(StreamXml.saslExternal(pair.local()));
        } else if (PeerOffers.offersDialback(features) || offers.dialbackDeclared()) {
            dialback(ctx);
        } else {
            closePath.close(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED,
                "no authentication method in common with " + pair.remote()));
        }
    }

    @Override
    void element(ChannelHandlerContext ctx, XmlElement element) {
        State state = states.current();
        if (element.is(XmppStreamDecoder.STREAM_NAMESPACE, "features") && state == State.SASL_RESTART) {
            offers = offers.withFeatures(element);
            authenticated(ctx);
        } else if (StreamXml.SASL_NAMESPACE.equals(element.namespace()) && state == State.SASL) {
            saslAnswered(ctx, element);
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "result") && state == State.DIALBACK) {
            dialbackAnswered(ctx, element.attribute("type").orElse(""));
        } else if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "result") && state == State.ESTABLISHED
            && element.attribute("from").map(pair.remote()::equalsIgnoreCase).orElse(false)) {
            element.attribute("to").ifPresent(local -> listener.piggybackAnswered(local.toLowerCase(Locale.ROOT),
                "valid".equals(element.attribute("type").orElse(""))));
        } else if (StreamXml.SM_NAMESPACE.equals(element.namespace())) {
            streamManagement(ctx, element);
        } else {
            LOGGER.debug("Ignoring <{} xmlns='{}'> from {} in state {}", element.name(),
                LogSafe.of(element.namespace()), pair.remote(), state);
        }
    }

    private void dialback(ChannelHandlerContext ctx) {
        if (offers.streamId().isEmpty()) {
            closePath.close(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "peer stream has no id"));
            return;
        }
        states.moveTo(State.DIALBACK);
        ctx.writeAndFlush(StreamXml.dialbackResult(pair.local(), pair.remote(),
            keys.key(pair.remote(), pair.local(), offers.streamId().get())));
    }

    private void saslAnswered(ChannelHandlerContext ctx, XmlElement answer) {
        if ("success".equals(answer.name())) {
            states.moveTo(State.SASL_RESTART);
            opening.restart(ctx);
        } else {
            LOGGER.info("SASL EXTERNAL refused by {}, trying dialback", pair.remote());
            dialback(ctx);
        }
    }

    private void dialbackAnswered(ChannelHandlerContext ctx, String type) {
        if ("valid".equals(type)) {
            authenticated(ctx);
        } else {
            closePath.close(ctx, new TerminationCause(Reason.AUTHENTICATION_FAILED, "dialback " + LogSafe.of(type)
                + " from " + pair.remote()));
        }
    }

    private void authenticated(ChannelHandlerContext ctx) {
        if (useStreamManagement && streamManagementSupport.shouldTry(pair.remote(), offers.smOffered())) {
            states.moveTo(State.ENABLING_SM);
            ctx.writeAndFlush(StreamXml.enableStreamManagement());
        } else {
            established(ctx, false);
        }
    }

    private void established(ChannelHandlerContext ctx, boolean streamManagement) {
        states.moveTo(State.ESTABLISHED);
        timer.cancel();
        Optional<PiggybackAuthenticator> piggyback = offers.streamId()
            .filter(any -> offers.dialback())
            .map(id -> local -> ctx.writeAndFlush(StreamXml.dialbackResult(local, pair.remote(),
                keys.key(pair.remote(), local, id))));
        listener.established(new StanzaWire(ctx), streamManagement, piggyback);
    }

    private void streamManagement(ChannelHandlerContext ctx, XmlElement element) {
        boolean enabling = states.is(State.ENABLING_SM);
        switch (element.name()) {
            case "enabled" -> {
                if (enabling) {
                    established(ctx, true);
                }
            }
            case "failed" -> {
                if (enabling) {
                    streamManagementSupport.notEnabledBy(pair.remote(), offers.smOffered());
                    established(ctx, false);
                }
            }
            case "a" -> {
                if (states.is(State.ESTABLISHED)) {
                    listener.acked(element.attribute("h").map(Long::parseLong).orElse(0L));
                }
            }
            case "r" -> ctx.writeAndFlush(StreamXml.streamManagementAck(0));
            default -> LOGGER.debug("Ignoring stream management element {}", element.name());
        }
    }

    @Override
    void streamError(ChannelHandlerContext ctx, XmlElement error) {
        if (states.is(State.ENABLING_SM) && !offers.smOffered() && streamManagementSupport.refusedBy(pair.remote())) {
            LOGGER.info("{} answered an unadvertised <enable/> with a stream error: reconnecting without it",
                pair.remote());
            closePath.close(ctx, new TerminationCause(Reason.STREAM_BROKEN, pair.remote()
                + " refused stream management", true));
            return;
        }
        closePath.peerError(ctx, error, states.is(State.ESTABLISHED) ? Reason.STREAM_BROKEN : Reason.AUTHENTICATION_FAILED);
    }

    @Override
    void timedOut(ChannelHandlerContext ctx) {
        if (states.is(State.ENABLING_SM)) {
            LOGGER.info("{} did not answer <enable/>: going on without stream management", pair.remote());
            streamManagementSupport.notEnabledBy(pair.remote(), offers.smOffered());
            established(ctx, false);
        } else if (!states.is(State.ESTABLISHED)) {
            super.timedOut(ctx);
        }
    }

    @Override
    void terminated(TerminationCause cause) {
        listener.terminated(cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && states.is(State.ESTABLISHED)) {
            listener.idle();
        } else if (event instanceof CloseRequest request && request.immediately()) {
            closePath.abort(ctx, request.cause());
        } else if (event instanceof CloseRequest request) {
            closePath.close(ctx, request.cause());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && states.is(State.ESTABLISHED)) {
            listener.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
