package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.UUID;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

import io.netty.channel.Channel;

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

    static Result bind(SessionRegistry sessions, Channel channel, EntityBareJid user, AuthMethod authMethod,
                       Optional<String> requested) {
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
