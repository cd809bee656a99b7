package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.UUID;

import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jxmpp.jid.EntityBareJid;

import io.netty.channel.ChannelHandlerContext;

/**
 * XEP-0198 on a client stream. After resource binding the client may {@code <enable/>} (with {@code resume}, the
 * session gets an id to be resumed with, unless {@code resumptionTimeout} is zero); then the stanzas it sends are
 * counted ({@link ChannelSession#handledStanza}) and a {@code <r/>} is answered with that count, and ours are kept until
 * its {@code <a/>} acknowledges them ({@link ClientOutput}). After authentication, instead of binding, it may
 * {@code <resume/>} a session of its user that lost its connection. Stateless: the state is the session's.
 */
final class ClientStreamManagement {
    private final C2sLimits limits;
    private final SessionRegistry sessions;

    ClientStreamManagement(C2sLimits limits, SessionRegistry sessions) {
        this.limits = limits;
        this.sessions = sessions;
    }

    static boolean isStreamManagement(XmlElement element) {
        return StreamXml.SM_NAMESPACE.equals(element.namespace());
    }

    /** An element of an authenticated stream before binding (other than {@code <resume/>}); its answer, if any. */
    Optional<String> beforeBinding(XmlElement element) {
        return "enable".equals(element.name()) ? Optional.of(StreamXml.streamManagementFailed("unexpected-request"))
            : Optional.empty();
    }

    /**
     * {@code <resume/>} of {@code user} on the stream of {@code ctx}: the session resumed, its {@code <resumed/>} and
     * what the client did not acknowledge sent; empty when there is none to resume (unknown or expired id, another
     * user's, a count that does not match): the client got {@code <failed/>} and may bind anew.
     */
    Optional<ChannelSession> resume(ChannelHandlerContext ctx, XmlElement resume, EntityBareJid user) {
        Optional<String> previd = resume.attribute("previd");
        Optional<Long> h = resume.attribute("h").flatMap(ClientStreamManagement::count);
        Optional<ChannelSession> resumed = previd.isEmpty() || h.isEmpty() ? Optional.empty()
            : sessions.resumable(previd.get(), user).filter(session -> session.output().resume(ctx.channel(), h.get(),
                ClientStreamXml.streamManagementResumed(previd.get(), session.handled())));
        if (resumed.isEmpty()) {
            ctx.writeAndFlush(StreamXml.streamManagementFailed("item-not-found"));
        }
        return resumed;
    }

    /** An element of a bound stream; its answer, if any. A count that does not match what we sent ends the stream. */
    Optional<String> onBound(XmlElement element, ChannelSession session) {
        ClientOutput output = session.output();
        return switch (element.name()) {
            case "enable" -> {
                if (output.enabled()) {
                    yield Optional.of(StreamXml.streamManagementFailed("unexpected-request"));
                }
                boolean resume = element.attribute("resume").filter(value -> "true".equals(value) || "1".equals(value))
                    .isPresent() && limits.resumption();
                Optional<String> id = resume ? Optional.of(UUID.randomUUID().toString()) : Optional.empty();
                id.ifPresent(value -> sessions.resumable(value, session));
                output.enable(limits.maxUnacknowledgedStanzas(), resume,
                    ClientStreamXml.streamManagementEnabled(id, limits.resumptionTimeout().toSeconds()));
                yield Optional.empty();
            }
            case "r" -> output.enabled() ? Optional.of(StreamXml.streamManagementAck(session.handled())) : Optional.empty();
            case "a" -> {
                Optional<Long> h = element.attribute("h").flatMap(ClientStreamManagement::count);
                if (h.isEmpty() || !output.acknowledge(h.get())) {
                    throw new StreamException(StreamErrorCondition.UNDEFINED_CONDITION,
                        "acknowledged " + element.attribute("h").orElse("(no h)") + " stanzas, more than were sent");
                }
                yield Optional.empty();
            }
            case "resume" -> Optional.of(StreamXml.streamManagementFailed("unexpected-request"));
            default -> Optional.empty();
        };
    }

    private static Optional<Long> count(String value) {
        try {
            long parsed = Long.parseLong(value);
            return parsed >= 0 && parsed <= StreamXml.SM_H_MASK ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
