package org.jamesxmpp.core.s2s.inbound;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLSession;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * What one incoming stream knows about itself: its {@link InboundState} (changed only by {@link #apply}), the current
 * stream id, the addresses of the peer's header, the TLS session and the authenticated domain pairs.
 * Event-loop confined, one per channel.
 */
final class InboundSession {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundSession.class);

    private final Map<DomainPair, AuthMethod> authenticated = new HashMap<>();
    private InboundState state = InboundState.AWAITING_HEADER;
    private String streamId = newStreamId();
    private Optional<String> localDomain = Optional.empty();
    private Optional<String> headerFrom = Optional.empty();
    private Optional<SSLSession> tlsSession = Optional.empty();

    private static String newStreamId() {
        return UUID.randomUUID().toString();
    }

    InboundState state() {
        return state;
    }

    /** The one place the state changes. */
    void apply(InboundEvent event) {
        InboundState next = state.next(event);
        LOGGER.debug("Incoming stream {}: {} --{}--> {}", streamId, state, event, next);
        state = next;
    }

    /** The peer's header arrived: a new stream (and id) starts, whatever the header holds. */
    void newStream() {
        streamId = newStreamId();
    }

    void headerAccepted(String localDomain, Optional<String> headerFrom) {
        this.localDomain = Optional.of(localDomain);
        this.headerFrom = headerFrom;
    }

    /** Stream restart (after STARTTLS or SASL): the decoder forgets the old stream, the state follows the event. */
    void restart(ChannelHandlerContext ctx, InboundEvent event) {
        ctx.pipeline().get(XmppStreamDecoder.class).restart();
        apply(event);
    }

    void authenticate(DomainPair pair, AuthMethod method) {
        authenticated.put(pair, method);
    }

    boolean isAuthenticated(String remoteDomain) {
        return authenticated.keySet().stream().anyMatch(pair -> pair.remote().equals(remoteDomain));
    }

    Map<DomainPair, AuthMethod> authenticated() {
        return Collections.unmodifiableMap(authenticated);
    }

    void encrypted(SSLSession session) {
        tlsSession = Optional.of(session);
    }

    Optional<SSLSession> tlsSession() {
        return tlsSession;
    }

    String streamId() {
        return streamId;
    }

    Optional<String> localDomain() {
        return localDomain;
    }

    Optional<String> headerFrom() {
        return headerFrom;
    }
}
