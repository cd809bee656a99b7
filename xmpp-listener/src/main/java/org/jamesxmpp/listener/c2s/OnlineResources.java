package org.jamesxmpp.listener.c2s;

import java.util.List;

import javax.inject.Inject;

import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

import com.google.common.collect.ImmutableList;

/**
 * Which bound resources a stanza for a local user reaches (RFC 6121 8.5): a full JID reaches that resource; a
 * message to a resource that is not bound, and anything to the bare JID, reaches every resource of the user.
 */
public class OnlineResources {
    private final SessionRegistry sessions;
    private final CarbonCopies carbons;

    @Inject
    public OnlineResources(SessionRegistry sessions, CarbonCopies carbons) {
        this.sessions = sessions;
        this.carbons = carbons;
    }

    /**
     * Delivers to the online resources it is for; returns how many took it. A message to one bound resource is
     * copied to the user's other resources that enabled carbons.
     */
    public int deliver(Stanza stanza) {
        List<ClientSession> targets = targets(stanza.getTo(), stanza instanceof Message);
        int delivered = 0;
        for (ClientSession session : targets) {
            if (session.deliver(stanza)) {
                delivered++;
            }
        }
        if (stanza instanceof Message message && targets.size() == 1 && stanza.getTo().isEntityFullJid()
            && targets.get(0).jid().equals(stanza.getTo())) {
            carbons.received(targets.get(0), message);
        }
        return delivered;
    }

    public List<ClientSession> targets(Jid to, boolean fallBackToBare) {
        if (to == null) {
            return ImmutableList.of();
        }
        EntityBareJid user = to.asEntityBareJidIfPossible();
        if (user == null) {
            return ImmutableList.of();
        }
        EntityFullJid full = to.asEntityFullJidIfPossible();
        if (full != null) {
            return sessions.session(full)
                .<List<ClientSession>>map(ImmutableList::of)
                .orElseGet(() -> fallBackToBare ? sessions.sessions(user) : ImmutableList.of());
        }
        return sessions.sessions(user);
    }
}
