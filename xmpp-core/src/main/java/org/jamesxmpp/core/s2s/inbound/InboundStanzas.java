package org.jamesxmpp.core.s2s.inbound;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.InboundStanzaHandler;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.ReturnPath;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the addressing of a stanza received on an incoming stream, hands it to the
 * {@link InboundStanzaHandler}, and sends a stanza error back when the handler refuses it.
 * Error stanzas answering one of our pending sends fail that send instead. XEP-0199 pings are
 * answered here, and so is the disco#info of our domains ({@link ServerDiscoInfo}); the answers to our own pings
 * (they acknowledge what we sent to peers without XEP-0198) go to the outgoing streams: none of these reaches the
 * handler.
 */
public class InboundStanzas {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundStanzas.class);

    private final LocalDomains localDomains;
    private final InboundStanzaHandler handler;
    private final ReturnPath outgoing;

    public InboundStanzas(LocalDomains localDomains, InboundStanzaHandler handler, ReturnPath outgoing) {
        this.localDomains = localDomains;
        this.handler = handler;
        this.outgoing = outgoing;
    }

    /**
     * @return completes (normally) once the stanza is taken care of: handled, or refused with a
     *     stanza error sent back
     * @throws StreamException when the stanza breaks the stream rules (addressing, authentication)
     */
    public CompletionStage<Void> accept(XmlElement element, Map<DomainPair, AuthMethod> authenticated, boolean tls,
                                        SocketAddress remoteAddress) {
        Stanza stanza = StanzaCodec.parse(element);
        Jid from = Optional.ofNullable(stanza.getFrom())
            .orElseThrow(() -> new StreamException(StreamErrorCondition.IMPROPER_ADDRESSING, "stanza without from"));
        Jid to = Optional.ofNullable(stanza.getTo())
            .orElseThrow(() -> new StreamException(StreamErrorCondition.IMPROPER_ADDRESSING, "stanza without to"));
        String fromDomain = from.getDomain().toString().toLowerCase(Locale.ROOT);
        String toDomain = to.getDomain().toString().toLowerCase(Locale.ROOT);
        if (!localDomains.isLocal(toDomain)) {
            throw new StreamException(StreamErrorCondition.HOST_UNKNOWN, "stanza to " + toDomain);
        }
        AuthMethod method = Optional.ofNullable(authenticated.get(new DomainPair(toDomain, fromDomain)))
            .orElseThrow(() -> new StreamException(StreamErrorCondition.INVALID_FROM,
                fromDomain + " is not authenticated for " + toDomain + " on this stream"));
        if (isIq(element, "result", "error") && stanza.getStanzaId() != null
            && outgoing.pingAnswered(fromDomain, stanza.getStanzaId())) {
            return CompletableFuture.completedFuture(null);
        }
        if (isIq(element, "result", "error") && stanza.getStanzaId() != null
            && outgoing.iqAnswered(fromDomain, stanza.getStanzaId(), element)) {
            return CompletableFuture.completedFuture(null);
        }
        if (isIq(element, "get") && element.child(StreamXml.PING_NAMESPACE, "ping").isPresent()
            && stanza.getStanzaId() != null) {
            outgoing.answer(new DomainPair(toDomain, fromDomain), to.toString(), from.toString(),
                StreamXml.iqResult(to.toString(), from.toString(), stanza.getStanzaId()));
            return CompletableFuture.completedFuture(null);
        }
        if (ServerDiscoInfo.asks(element, to)) {
            outgoing.answer(new DomainPair(toDomain, fromDomain), to.toString(), from.toString(),
                ServerDiscoInfo.result(to.toString(), from.toString(), stanza.getStanzaId()));
            return CompletableFuture.completedFuture(null);
        }
        if (stanza.getError() != null && stanza.getStanzaId() != null
            && outgoing.peerError(fromDomain, stanza.getStanzaId(), from.toString(),
                StanzaErrorException.of(stanza.getError()))) {
            LOGGER.info("Stanza error {} from {} for our stanza {}", stanza.getError().getCondition(), LogSafe.of(from),
                LogSafe.of(stanza.getStanzaId()));
            return CompletableFuture.completedFuture(null);
        }
        InboundStanza inbound = new InboundStanza(stanza, fromDomain, method, tls, toInet(remoteAddress));
        CompletionStage<Void> handled;
        try {
            handled = handler.handle(inbound);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return handled.handle((any, error) -> {
            if (error != null) {
                bounce(element.name(), stanza, fromDomain, toDomain, unwrap(error));
            }
            return null;
        });
    }

    private void bounce(String kind, Stanza stanza, String fromDomain, String toDomain, Throwable error) {
        if (stanza.getError() != null) {
            LOGGER.info("Dropping refused error stanza {} from {}: {}", LogSafe.of(stanza.getStanzaId()),
                LogSafe.of(stanza.getFrom()), LogSafe.of(error));
            return;
        }
        StanzaErrorException stanzaError = error instanceof StanzaErrorException refusal
            ? refusal
            : new StanzaErrorException(StanzaError.Condition.internal_server_error, StanzaError.Type.WAIT);
        if (!(error instanceof StanzaErrorException)) {
            LOGGER.warn("Handler failed on stanza {} from {}", LogSafe.of(stanza.getStanzaId()), LogSafe.of(stanza.getFrom()),
                LogSafe.exception(error));
        }
        String xml = StreamXml.stanzaError(kind, stanza.getTo().toString(), stanza.getFrom().toString(),
            Optional.ofNullable(stanza.getStanzaId()), stanzaError.type().name().toLowerCase(Locale.ROOT),
            stanzaError.condition().toString());
        outgoing.send(new DomainPair(toDomain, fromDomain), Optional.empty(), stanza.getTo().toString(),
                stanza.getFrom().toString(), xml)
            .whenComplete((any, failure) -> {
                if (failure != null) {
                    LOGGER.info("Could not return stanza error {} to {}: {}", stanzaError.condition(),
                        LogSafe.of(stanza.getFrom()), LogSafe.of(failure));
                }
            });
    }

    private static boolean isIq(XmlElement element, String... types) {
        return "iq".equals(element.name()) && element.attribute("type").map(List.of(types)::contains).orElse(false);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static InetSocketAddress toInet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : InetSocketAddress.createUnresolved("unknown", 0);
    }
}
