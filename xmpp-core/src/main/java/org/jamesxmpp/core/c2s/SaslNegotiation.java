package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * SASL on a client stream: PLAIN only (James's stored hashes give no SCRAM-SHA-256 or -SHA-1 keys: docs/c2s.md), never without TLS
 * unless configured so. A wrong password is answered {@code not-authorized} after {@code failureDelay}; after
 * {@code maxAuthenticationFailures} the stream is closed ({@code policy-violation}). The password check runs off
 * the event loop; its answer comes back on it.
 */
final class SaslNegotiation {
    private static final Logger LOGGER = LoggerFactory.getLogger(SaslNegotiation.class);

    /** What the negotiation needs from its stream. */
    interface Stream {
        boolean isOpen();

        void authenticated(ChannelHandlerContext ctx, EntityBareJid jid);

        void fail(ChannelHandlerContext ctx, StreamErrorCondition condition);
    }

    private final C2sContext context;
    private final Stream stream;
    private int failures;
    private boolean pending;

    SaslNegotiation(C2sContext context, Stream stream) {
        this.context = context;
        this.stream = stream;
    }

    void onAuth(ChannelHandlerContext ctx, XmlElement auth, String domain, boolean encrypted) {
        if (pending) {
            stream.fail(ctx, StreamErrorCondition.POLICY_VIOLATION);
            return;
        }
        if (!encrypted) {
            failed(ctx, "encryption-required", "no TLS");
            return;
        }
        if (!SaslPlain.MECHANISM.equals(auth.attribute("mechanism").orElse(""))) {
            failed(ctx, "invalid-mechanism", "mechanism " + auth.attribute("mechanism").orElse("(none)"));
            return;
        }
        Optional<SaslPlain> plain = SaslPlain.decode(auth.text(), domain);
        Optional<EntityBareJid> jid = plain.flatMap(credentials -> jid(credentials.localPart(), domain));
        if (jid.isEmpty()) {
            failed(ctx, "malformed-request", "malformed PLAIN response");
            return;
        }
        pending = true;
        context.authenticator().authenticate(jid.get(), plain.get().password())
            .whenComplete((accepted, error) -> ctx.executor().execute(() -> {
                pending = false;
                if (!stream.isOpen()) {
                    return;
                }
                if (error == null && Boolean.TRUE.equals(accepted)) {
                    LOGGER.info("Client {} authenticated as {} (SASL PLAIN)", ctx.channel().remoteAddress(), LogSafe.of(jid.get()));
                    stream.authenticated(ctx, jid.get());
                } else {
                    failed(ctx, "not-authorized", error == null ? "wrong password or unknown user " + jid.get()
                        : "password check failed: " + error);
                }
            }));
    }

    private static Optional<EntityBareJid> jid(String localPart, String domain) {
        try {
            return Optional.of(JidCreate.entityBareFrom(localPart + "@" + domain));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void failed(ChannelHandlerContext ctx, String condition, String reason) {
        failures++;
        LOGGER.info("SASL failure {} for client {}: {}", failures, ctx.channel().remoteAddress(), LogSafe.of(reason));
        boolean last = failures >= context.settings().limits().maxAuthenticationFailures();
        pending = true;
        ctx.executor().schedule(() -> {
            pending = false;
            if (!stream.isOpen()) {
                return;
            }
            ctx.writeAndFlush(ClientStreamXml.saslFailure(condition));
            if (last) {
                stream.fail(ctx, StreamErrorCondition.POLICY_VIOLATION);
            }
        }, context.settings().limits().failureDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
}
