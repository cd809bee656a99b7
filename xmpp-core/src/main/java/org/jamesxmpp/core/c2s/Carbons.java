package org.jamesxmpp.core.c2s;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jxmpp.jid.EntityFullJid;

/**
 * XEP-0280 message carbons, the pure part: which messages are copied (section 6: {@code chat}, or {@code normal} with
 * a body; never one marked {@code <private/>} or XEP-0334 {@code <no-copy/>}, nor a carbon itself) and the copy
 * itself, from the user's bare JID to one of their resources, the original inside XEP-0297 {@code <forwarded/>}.
 */
public final class Carbons {
    static final String HINTS_NAMESPACE = "urn:xmpp:hints";

    private Carbons() {
    }

    public static boolean eligible(Message message) {
        boolean copied = message.getType() == Message.Type.chat
            || (message.getType() == Message.Type.normal && message.getBody() != null);
        return copied
            && !message.hasExtension("private", CarbonExtension.NAMESPACE)
            && !message.hasExtension("no-copy", HINTS_NAMESPACE)
            && !message.hasExtension("received", CarbonExtension.NAMESPACE)
            && !message.hasExtension("sent", CarbonExtension.NAMESPACE);
    }

    /** The copy of {@code message} for {@code resource}: {@code sent} for what another resource sent, else {@code received}. */
    public static Message copy(CarbonExtension.Direction direction, EntityFullJid resource, Message message) {
        return StanzaBuilder.buildMessage()
            .from(resource.asEntityBareJid())
            .to(resource)
            .ofType(message.getType())
            .addExtension(new CarbonExtension(direction, new Forwarded<>(message)))
            .build();
    }
}
