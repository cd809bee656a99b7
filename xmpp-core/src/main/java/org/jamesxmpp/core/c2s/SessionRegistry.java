package org.jamesxmpp.core.c2s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.parts.Resourcepart;

import com.google.common.collect.ImmutableList;

/**
 * The bound resources of this node, per user, and those of them that can be resumed (XEP-0198), by resumption id.
 * A resource stays bound while its client is away for resumption. Thread-safe.
 */
public class SessionRegistry {
    private final int maxResourcesPerUser;
    private final Map<EntityBareJid, Map<Resourcepart, ClientSession>> sessions = new ConcurrentHashMap<>();
    private final Map<String, ChannelSession> resumable = new ConcurrentHashMap<>();

    public SessionRegistry(int maxResourcesPerUser) {
        this.maxResourcesPerUser = maxResourcesPerUser;
    }

    /** Binds the session's resource; false when it is taken or the user has {@code maxResourcesPerUser} already. */
    public boolean bind(ClientSession session) {
        EntityFullJid jid = session.jid();
        boolean[] bound = {false};
        sessions.compute(jid.asEntityBareJid(), (user, resources) -> {
            Map<Resourcepart, ClientSession> current = resources == null ? new ConcurrentHashMap<>() : resources;
            if (current.size() < maxResourcesPerUser && !current.containsKey(jid.getResourcepart())) {
                current.put(jid.getResourcepart(), session);
                bound[0] = true;
            }
            return current.isEmpty() ? null : current;
        });
        return bound[0];
    }

    public void unbind(ClientSession session) {
        EntityFullJid jid = session.jid();
        sessions.computeIfPresent(jid.asEntityBareJid(), (user, resources) -> {
            resources.remove(jid.getResourcepart(), session);
            return resources.isEmpty() ? null : resources;
        });
        if (session instanceof ChannelSession channelSession) {
            channelSession.resumptionId().ifPresent(id -> resumable.remove(id, channelSession));
        }
    }

    /** The bound {@code session} can be resumed with {@code id} (unique: a random UUID) until it is unbound. */
    void resumable(String id, ChannelSession session) {
        session.resumptionId(id);
        resumable.put(id, session);
    }

    /** The session {@code user} may resume with {@code id}: only the user's own. */
    Optional<ChannelSession> resumable(String id, EntityBareJid user) {
        return Optional.ofNullable(resumable.get(id)).filter(session -> session.jid().asEntityBareJid().equals(user));
    }

    public List<ClientSession> sessions(EntityBareJid user) {
        return Optional.ofNullable(sessions.get(user))
            .map(resources -> ImmutableList.copyOf(resources.values()))
            .orElse(ImmutableList.of());
    }

    public Optional<ClientSession> session(EntityFullJid jid) {
        return Optional.ofNullable(sessions.get(jid.asEntityBareJid()))
            .map(resources -> resources.get(jid.getResourcepart()));
    }

    public boolean isTaken(EntityFullJid jid) {
        return session(jid).isPresent();
    }
}
