package org.jamesxmpp.core.c2s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.parts.Resourcepart;

import com.google.common.collect.ImmutableList;

/** The bound resources of this node, per user. Thread-safe. */
public class SessionRegistry {
    private final int maxResourcesPerUser;
    private final Map<EntityBareJid, Map<Resourcepart, ClientSession>> sessions = new ConcurrentHashMap<>();

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
