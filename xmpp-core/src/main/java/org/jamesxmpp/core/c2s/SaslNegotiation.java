package org.jamesxmpp.core.c2s;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * SASL on a client stream: PLAIN, and SCRAM-SHA-512 when the authenticator offers it (James's stored hashes give no
 * SCRAM-SHA-256 or -SHA-1 keys: docs/c2s.md), never without TLS unless configured so. A SCRAM exchange for a user
 * without keys runs to its end with keys nobody knows, so that it fails as a wrong password does. A wrong password is answered {@code not-authorized} after {@code failureDelay}; after
 * {@code maxAuthenticationFailures} the stream is closed ({@code policy-violation}). The password check runs off
 * the event loop; its answer comes back on it.
 */
final class SaslNegotiation {
    private static final Logger LOGGER = LoggerFactory.getLogger(SaslNegotiation.class);

    /** What the negotiation needs from its stream. */
    interface Stream {
        boolean isOpen();

        /**
         * @param method how the user authenticated, for the trace of its mail
         * @param success the {@code <success/>} to write first
         */
        void authenticated(ChannelHandlerContext ctx, EntityBareJid jid, AuthMethod method, String success);

        void fail(ChannelHandlerContext ctx, StreamErrorCondition condition);
    }

    private final C2sContext context;
    private final Stream stream;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 24;

    private int failures;
    private boolean pending;
    private Optional<Scram> scram = Optional.empty();

    /** A SCRAM challenge sent; {@code known}: the keys are the user's. */
    private record Scram(EntityBareJid jid, ScramSha512.Challenge challenge, boolean known) {
    }

    SaslNegotiation(C2sContext context, Stream stream) {
        this.context = context;
        this.stream = stream;
    }

    static boolean isSasl(XmlElement element) {
        return element.is(StreamXml.SASL_NAMESPACE, "auth") || element.is(StreamXml.SASL_NAMESPACE, "response")
            || element.is(StreamXml.SASL_NAMESPACE, "abort");
    }

    /** An {@code <auth/>}, {@code <response/>} or {@code <abort/>} of the client. */
    void onElement(ChannelHandlerContext ctx, XmlElement element, String domain, boolean encrypted) {
        if (pending) {
            stream.fail(ctx, StreamErrorCondition.POLICY_VIOLATION);
            return;
        }
        if (element.is(StreamXml.SASL_NAMESPACE, "auth")) {
            scram = Optional.empty();
            onAuth(ctx, element, domain, encrypted);
        } else if (element.is(StreamXml.SASL_NAMESPACE, "response") && scram.isPresent()) {
            onScramFinal(ctx, element);
        } else if (element.is(StreamXml.SASL_NAMESPACE, "abort")) {
            scram = Optional.empty();
            failed(ctx, "aborted", "aborted by the client");
        } else {
            failed(ctx, "malformed-request", "a response without a challenge");
        }
    }

    private void onAuth(ChannelHandlerContext ctx, XmlElement auth, String domain, boolean encrypted) {
        if (!encrypted) {
            failed(ctx, "encryption-required", "no TLS");
            return;
        }
        String mechanism = auth.attribute("mechanism").orElse("");
        if (ScramSha512.MECHANISM.equals(mechanism) && context.authenticator().offersScramSha512()) {
            onScramFirst(ctx, auth, domain);
            return;
        }
        if (!SaslPlain.MECHANISM.equals(mechanism)) {
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
                    stream.authenticated(ctx, jid.get(), AuthMethod.CLIENT_SASL_PLAIN, ClientStreamXml.saslSuccess());
                } else {
                    failed(ctx, "not-authorized", error == null ? "wrong password or unknown user " + jid.get()
                        : "password check failed: " + error);
                }
            }));
    }

    private void onScramFirst(ChannelHandlerContext ctx, XmlElement auth, String domain) {
        Optional<ScramSha512.ClientFirst> first = decode(auth.text()).flatMap(message -> ScramSha512.parse(message, domain));
        Optional<EntityBareJid> jid = first.flatMap(message -> jid(message.localPart(), domain));
        if (jid.isEmpty()) {
            failed(ctx, "malformed-request", "malformed SCRAM client-first-message");
            return;
        }
        pending = true;
        context.authenticator().scramSha512(jid.get())
            .whenComplete((credentials, error) -> ctx.executor().execute(() -> {
                pending = false;
                if (!stream.isOpen()) {
                    return;
                }
                boolean known = error == null && credentials.isPresent();
                ScramCredentials keys = known ? credentials.get() : unknownKeys(jid.get());
                ScramSha512.Challenge challenge = ScramSha512.challenge(first.get(), keys, nonce());
                scram = Optional.of(new Scram(jid.get(), challenge, known));
                ctx.writeAndFlush(ClientStreamXml.saslChallenge(challenge.serverFirst()));
            }));
    }

    private void onScramFinal(ChannelHandlerContext ctx, XmlElement response) {
        Scram sent = scram.get();
        scram = Optional.empty();
        Optional<String> serverFinal = decode(response.text()).flatMap(message -> sent.challenge().verify(message));
        if (sent.known() && serverFinal.isPresent()) {
            LOGGER.info("Client {} authenticated as {} (SASL {})", ctx.channel().remoteAddress(), LogSafe.of(sent.jid()),
                ScramSha512.MECHANISM);
            stream.authenticated(ctx, sent.jid(), AuthMethod.CLIENT_SASL_SCRAM_SHA_512,
                ClientStreamXml.saslSuccess(serverFinal.get()));
        } else {
            failed(ctx, "not-authorized", "wrong password, unknown user or no SCRAM keys for " + sent.jid());
        }
    }

    /** Keys nobody knows, with the salt James would use (the user name): the exchange fails at its end. */
    private static ScramCredentials unknownKeys(EntityBareJid jid) {
        byte[] saltedPassword = new byte[ScramCredentials.KEY_LENGTH];
        RANDOM.nextBytes(saltedPassword);
        return ScramCredentials.fromSaltedPassword(jid.toString().getBytes(StandardCharsets.ISO_8859_1), 1000, saltedPassword);
    }

    private static String nonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Optional<String> decode(String base64) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
