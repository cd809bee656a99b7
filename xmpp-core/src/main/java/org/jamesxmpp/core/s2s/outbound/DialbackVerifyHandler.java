package org.jamesxmpp.core.s2s.outbound;

import static org.jamesxmpp.core.s2s.outbound.StreamStates.to;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.collect.ImmutableMap;

import io.netty.channel.ChannelHandlerContext;

/**
 * Asks the authoritative server of a domain one XEP-0220 question, on a stream of its own: did you give this key on
 * that stream? Opens like every stream we open (header, STARTTLS), sends {@code db:verify} instead of authenticating,
 * reports the answer to its {@link DialbackVerification} and closes. One per channel.
 */
public class DialbackVerifyHandler extends AbstractOutboundHandler<DialbackVerifyHandler.State> {
    enum State {
        CONNECTING, AWAITING_HEADER, AWAITING_FEATURES, STARTTLS, TLS_HANDSHAKE, VERIFYING, CLOSING, CLOSED
    }

    static final Map<State, Set<State>> TRANSITIONS = ImmutableMap.<State, Set<State>>builder()
        .put(State.CONNECTING, to(State.AWAITING_HEADER, State.CLOSED))
        .put(State.AWAITING_HEADER, to(State.AWAITING_FEATURES, State.VERIFYING, State.CLOSING, State.CLOSED))
        .put(State.AWAITING_FEATURES, to(State.STARTTLS, State.VERIFYING, State.CLOSING, State.CLOSED))
        .put(State.STARTTLS, to(State.TLS_HANDSHAKE, State.CLOSING, State.CLOSED))
        .put(State.TLS_HANDSHAKE, to(State.AWAITING_HEADER, State.CLOSING, State.CLOSED))
        .put(State.VERIFYING, to(State.CLOSING, State.CLOSED))
        .put(State.CLOSING, to(State.CLOSED))
        .build();
    private static final Opening<State> OPENING = new Opening<>(State.AWAITING_HEADER, State.AWAITING_FEATURES,
        State.STARTTLS, State.TLS_HANDSHAKE, State.CLOSING, State.CLOSED);

    private final DialbackVerification verification;

    public DialbackVerifyHandler(DialbackVerification verification, Optional<TlsContexts> tls, Duration responseTimeout) {
        super(verification.pair(), tls, responseTimeout, State.CONNECTING, TRANSITIONS, OPENING);
        this.verification = verification;
    }

    @Override
    void header(ChannelHandlerContext ctx, StreamHeader header) {
        if (states.is(State.AWAITING_HEADER) && header.version().isEmpty()) {
            verify(ctx);
        } else if (states.is(State.AWAITING_HEADER)) {
            states.moveTo(State.AWAITING_FEATURES);
        }
    }

    @Override
    void negotiated(ChannelHandlerContext ctx, XmlElement features) {
        verify(ctx);
    }

    private void verify(ChannelHandlerContext ctx) {
        states.moveTo(State.VERIFYING);
        ctx.writeAndFlush(StreamXml.dialbackVerify(pair.local(), pair.remote(), verification.streamId(),
            verification.key()));
    }

    @Override
    void element(ChannelHandlerContext ctx, XmlElement element) {
        if (element.is(XmppStreamDecoder.DIALBACK_NAMESPACE, "verify") && states.is(State.VERIFYING)) {
            boolean valid = "valid".equals(element.attribute("type").orElse(""))
                && element.attribute("id").map(verification.streamId()::equals).orElse(false);
            verification.answered(valid);
            timer.cancel();
            closePath.close(ctx, new TerminationCause(Reason.STREAM_BROKEN, "verification done"));
        }
    }

    @Override
    void terminated(TerminationCause cause) {
        verification.unreachable();
    }
}
