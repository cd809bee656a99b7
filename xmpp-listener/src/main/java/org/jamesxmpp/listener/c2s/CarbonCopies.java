package org.jamesxmpp.listener.c2s;

import javax.inject.Inject;

import org.jamesxmpp.core.c2s.Carbons;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;

/**
 * XEP-0280: a user's resources that enabled carbons get a copy of what another of their resources sent, and of what
 * was delivered to another of their resources alone (a message to the bare JID reaches all of them already).
 */
public class CarbonCopies {
    private final SessionRegistry sessions;

    @Inject
    public CarbonCopies(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** {@code message} was sent by {@code sender}. */
    public void sent(ClientSession sender, Message message) {
        copy(sender, message, CarbonExtension.Direction.sent);
    }

    /** {@code message} was delivered to {@code recipient} only. */
    public void received(ClientSession recipient, Message message) {
        copy(recipient, message, CarbonExtension.Direction.received);
    }

    private void copy(ClientSession origin, Message message, CarbonExtension.Direction direction) {
        if (!Carbons.eligible(message)) {
            return;
        }
        for (ClientSession other : sessions.sessions(origin.jid().asEntityBareJid())) {
            if (other != origin && other.carbonsEnabled()) {
                other.deliver(Carbons.copy(direction, other.jid(), message));
            }
        }
    }
}
