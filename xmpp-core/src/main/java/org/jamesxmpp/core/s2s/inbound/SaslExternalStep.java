package org.jamesxmpp.core.s2s.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * SASL EXTERNAL on an incoming stream (RFC 6120 6, XEP-0178): the header's {@code from} is authenticated when the
 * TLS peer certificate is trusted for it and the authorization identity, if any, names it.
 */
final class SaslExternalStep {
    static final String MECHANISM = "EXTERNAL";
    private static final Logger LOGGER = LoggerFactory.getLogger(SaslExternalStep.class);
    /** Never equal to a domain: an undecodable authorization identity fails. */
    private static final String INVALID_AUTHZID = "\u0000invalid";

    private final Optional<TlsContexts> tls;
    private final InboundSession session;
    private final DomainStreams domainStreams;

    SaslExternalStep(Optional<TlsContexts> tls, InboundSession session, DomainStreams domainStreams) {
        this.tls = tls;
        this.session = session;
        this.domainStreams = domainStreams;
    }

    void onAuth(ChannelHandlerContext ctx, XmlElement auth) {
        String authzid = decodeAuthzid(auth.text().trim());
        Optional<String> from = session.headerFrom();
        boolean accepted = MECHANISM.equals(auth.attribute("mechanism").orElse(""))
            && session.tlsSession().isPresent()
            && from.isPresent()
            && (authzid.isEmpty() || authzid.equals(from.get()))
            && tls.orElseThrow().peerCertificates().isTrustedFor(session.tlsSession().get(), from.get());
        if (!accepted) {
            ctx.writeAndFlush(StreamXml.saslFailure("not-authorized"));
            return;
        }
        String localDomain = session.localDomain().orElseThrow();
        if (!domainStreams.register(normalize(from.get()), ctx.channel())) {
            LOGGER.warn("Refusing SASL EXTERNAL from {}: it has the most incoming streams allowed for one domain",
                LogSafe.of(from.get()));
            ctx.writeAndFlush(StreamXml.saslFailure("temporary-auth-failure"));
            return;
        }
        session.authenticate(new DomainPair(normalize(localDomain), normalize(from.get())), AuthMethod.SASL_EXTERNAL);
        LOGGER.info("Incoming s2s stream from {} to {} authenticated by SASL EXTERNAL", LogSafe.of(from.get()), localDomain);
        ctx.writeAndFlush(StreamXml.saslSuccess());
        session.restart(ctx, InboundEvent.SASL_SUCCEEDED);
    }

    private static String decodeAuthzid(String text) {
        if (text.isEmpty() || "=".equals(text)) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return INVALID_AUTHZID;
        }
    }

    private static String normalize(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
