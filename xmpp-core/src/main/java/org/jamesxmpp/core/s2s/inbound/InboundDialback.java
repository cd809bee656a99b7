package org.jamesxmpp.core.s2s.inbound;

import java.util.Locale;

import org.jamesxmpp.core.address.DomainNames;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * Dialback (XEP-0220) on one incoming stream: db:verify questions about our keys, and db:result requests. Each of
 * those makes us connect to the claimed domain, so the claim must be a domain name on the internet (or have a static
 * route), at most {@link org.jamesxmpp.core.s2s.S2sSettings#maxPendingVerificationsPerStream()} wait at a time, and
 * a stream that authenticated nothing is ended when its claim cannot be verified. An answer that comes back after the
 * stream restarted or ended is dropped: the key was for that stream's id. Event-loop confined, one per stream.
 */
final class InboundDialback {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundDialback.class);

    private final InboundContext context;
    private final InboundSession session;
    private final InboundClose close;
    private final LocalDomainLookup lookup;
    private int pending;

    InboundDialback(InboundContext context, InboundSession session, InboundClose close, LocalDomainLookup lookup) {
        this.context = context;
        this.session = session;
        this.close = close;
        this.lookup = lookup;
    }

    /** We are the authoritative server: is this key ours? */
    void onVerify(ChannelHandlerContext ctx, XmlElement verify) {
        String from = verify.attribute("from").orElseThrow(() -> improperAddressing("db:verify without from"));
        String to = verify.attribute("to").orElseThrow(() -> improperAddressing("db:verify without to"));
        String id = verify.attribute("id").orElseThrow(() -> improperAddressing("db:verify without id"));
        lookup.isLocal(ctx, to, local -> {
            if (!local) {
                throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "db:verify to " + to);
            }
            boolean valid = context.keys().isValid(from, to, id, verify.text());
            ctx.writeAndFlush(StreamXml.dialbackVerifyType(to, from, id, valid ? "valid" : "invalid"));
        });
    }

    void onResult(ChannelHandlerContext ctx, XmlElement result) {
        String from = result.attribute("from").map(InboundDialback::normalize)
            .orElseThrow(() -> improperAddressing("db:result without from"));
        String to = result.attribute("to").map(InboundDialback::normalize)
            .orElseThrow(() -> improperAddressing("db:result without to"));
        lookup.isLocal(ctx, to, local -> onResult(ctx, result, from, to, local));
    }

    private void onResult(ChannelHandlerContext ctx, XmlElement result, String from, String to, boolean local) {
        if (!local) {
            if (session.state().isAuthenticated()) {
                ctx.writeAndFlush(StreamXml.dialbackResultError(to, from, "item-not-found"));
                return;
            }
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "db:result to " + to);
        }
        if (!mayConnectTo(from)) {
            throw new StreamException(StreamErrorCondition.INVALID_FROM, "db:result from " + from + ", not a domain name");
        }
        if (!context.domainStreams().hasRoom(from, ctx.channel())) {
            ctx.write(StreamXml.dialbackResultError(to, from, "policy-violation"));
            refuse(ctx, new DomainPair(to, from), "was not verified (the domain has the most streams allowed)",
                StreamErrorCondition.POLICY_VIOLATION);
            return;
        }
        if (pending >= context.settings().maxPendingVerificationsPerStream()) {
            throw new StreamException(StreamErrorCondition.POLICY_VIOLATION, "more than "
                + context.settings().maxPendingVerificationsPerStream() + " dialback verifications pending on one stream");
        }
        pending++;
        String streamId = session.streamId();
        context.verifier().verify(to, from, streamId, result.text().trim())
            .whenComplete((outcome, error) -> ctx.executor().execute(() -> {
                pending--;
                if (ctx.channel().isActive() && session.state().isOpen() && session.streamId().equals(streamId)) {
                    answer(ctx, new DomainPair(to, from), error == null ? outcome : DialbackOutcome.UNREACHABLE);
                }
            }));
    }

    private boolean mayConnectTo(String domain) {
        return DomainNames.isRemoteDomainName(domain)
            || context.settings().staticRoutes().stream().anyMatch(route -> route.domain().equals(domain));
    }

    private void answer(ChannelHandlerContext ctx, DomainPair pair, DialbackOutcome outcome) {
        String to = pair.local();
        String from = pair.remote();
        switch (outcome) {
            case VALID -> {
                if (!context.domainStreams().register(from, ctx.channel())) {
                    ctx.write(StreamXml.dialbackResultError(to, from, "policy-violation"));
                    refuse(ctx, pair, "is valid, but the domain has the most streams allowed", StreamErrorCondition.POLICY_VIOLATION);
                    return;
                }
                session.authenticate(pair, AuthMethod.DIALBACK);
                session.apply(InboundEvent.DIALBACK_VALID);
                LOGGER.info("Incoming s2s stream from {} to {} authenticated by dialback", LogSafe.of(from), LogSafe.of(to));
                ctx.writeAndFlush(StreamXml.dialbackResultType(to, from, "valid"));
            }
            case INVALID -> {
                ctx.write(StreamXml.dialbackResultType(to, from, "invalid"));
                refuse(ctx, pair, "is invalid", StreamErrorCondition.NOT_AUTHORIZED);
            }
            case UNREACHABLE -> {
                ctx.write(StreamXml.dialbackResultError(to, from, "remote-server-not-found"));
                refuse(ctx, pair, "could not be verified", StreamErrorCondition.REMOTE_CONNECTION_FAILED);
            }
            case BUSY -> {
                ctx.write(StreamXml.dialbackResultError(to, from, "resource-constraint"));
                refuse(ctx, pair, "was not verified (too many verifications pending)", StreamErrorCondition.RESOURCE_CONSTRAINT);
            }
        }
    }

    /** A stream that carries other authenticated pairs goes on; one that authenticated nothing ends. */
    private void refuse(ChannelHandlerContext ctx, DomainPair pair, String why, StreamErrorCondition condition) {
        if (session.state().isAuthenticated()) {
            LOGGER.warn("Dialback key from {} for {} {}: refusing that domain pair", LogSafe.of(pair.remote()), LogSafe.of(pair.local()),
                why);
            ctx.flush();
        } else {
            LOGGER.warn("Dialback key from {} for {} {}: refusing the stream", LogSafe.of(pair.remote()), LogSafe.of(pair.local()), why);
            close.close(ctx, InboundEnding.error(condition));
        }
    }

    private static String normalize(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    private static StreamException improperAddressing(String message) {
        return new StreamException(StreamErrorCondition.IMPROPER_ADDRESSING, message);
    }
}
