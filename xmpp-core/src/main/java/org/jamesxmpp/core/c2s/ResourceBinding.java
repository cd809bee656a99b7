package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.UUID;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * RFC 6120 7: the resource the client asks for, or one we make up; a resource already bound gets a suffix (7.7.2.2,
 * "override" is not done), a user with too many resources gets {@code resource-constraint}.
 */
final class ResourceBinding {
    sealed interface Result permits Bound, Refused {
    }

    record Bound(ChannelSession session) implements Result {
    }

    record Refused(String errorType, String condition) implements Result {
    }

    private static final int SUFFIX_LENGTH = 8;

    private ResourceBinding() {
    }

    /**
     * The client's request on an authenticated stream: the session bound, after its result was sent; empty when the
     * request was refused (the error was sent). Anything but a binding request ends the stream.
     */
    static Optional<ChannelSession> onRequest(SessionRegistry sessions, SessionEnding ending, ChannelHandlerContext ctx,
                                              XmlElement element, EntityBareJid user, AuthMethod authMethod) {
        Optional<XmlElement> bind = element.is(StanzaCodec.CLIENT_NAMESPACE, "iq")
            && "set".equals(element.attribute("type").orElse(""))
            ? element.child(ClientStreamXml.BIND_NAMESPACE, "bind")
            : Optional.empty();
        if (bind.isEmpty()) {
            throw new StreamException(StreamErrorCondition.NOT_AUTHORIZED, "<" + element.name() + "> before resource binding");
        }
        String id = element.attribute("id").orElse("");
        Result result = bind(sessions, ending, ctx.channel(), user, authMethod,
            bind.get().child(ClientStreamXml.BIND_NAMESPACE, "resource").map(XmlElement::text));
        if (result instanceof Refused refused) {
            ctx.writeAndFlush(ClientStreamXml.iqError(id, refused.errorType(), refused.condition()));
            return Optional.empty();
        }
        ChannelSession bound = ((Bound) result).session();
        ctx.writeAndFlush(ClientStreamXml.bindResult(id, bound.jid().toString()));
        return Optional.of(bound);
    }

    /** A resource held by a session away for resumption is taken over ({@link SessionEnding#replaceIfAway}). */
    static Result bind(SessionRegistry sessions, SessionEnding ending, Channel channel, EntityBareJid user,
                       AuthMethod authMethod, Optional<String> requested) {
        Optional<Resourcepart> resource;
        try {
            resource = requested.map(String::trim).filter(value -> !value.isEmpty()).isPresent()
                ? Optional.of(Resourcepart.from(requested.get().trim()))
                : Optional.empty();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return new Refused("modify", "bad-request");
        }
        String base = resource.map(Resourcepart::toString).orElse("james");
        for (String candidate : new String[] {base, base + "-" + randomSuffix()}) {
            Optional<EntityFullJid> jid = fullJid(user, candidate);
            if (jid.isEmpty()) {
                return new Refused("modify", "bad-request");
            }
            sessions.session(jid.get()).ifPresent(ending::replaceIfAway);
            ChannelSession session = new ChannelSession(channel, jid.get(), authMethod);
            if (sessions.bind(session)) {
                return new Bound(session);
            }
            if (!sessions.isTaken(jid.get())) {
                return new Refused("wait", "resource-constraint");
            }
        }
        return new Refused("cancel", "conflict");
    }

    private static Optional<EntityFullJid> fullJid(EntityBareJid user, String resource) {
        try {
            return Optional.of(JidCreate.entityFullFrom(user, Resourcepart.from(resource)));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().substring(0, SUFFIX_LENGTH);
    }
}
