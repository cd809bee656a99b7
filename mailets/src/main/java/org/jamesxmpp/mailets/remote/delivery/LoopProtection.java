package org.jamesxmpp.mailets.remote.delivery;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.jamesxmpp.core.mail.XmppMailAttributes;

import com.google.common.base.Preconditions;

/**
 * Keeps mail from going round in circles: a mail that came in over XMPP from a peer domain is not sent back over XMPP
 * to that domain, and a mail that went through more than {@code maxHops} hops ({@code Received} header fields, as
 * RFC 5321 section 6.3 counts them) is not sent at all.
 */
public class LoopProtection {
    private static final DsnStatus ROUTING_LOOP = DsnStatus.permanent(4, 6);

    private final int maxHops;

    public LoopProtection(int maxHops) {
        Preconditions.checkArgument(maxHops > 0, "maxHops must be positive: %s", maxHops);
        this.maxHops = maxHops;
    }

    /** Why the mail must not go to {@code recipient} over XMPP, if it must not. */
    public Optional<DeliveryFailure> refusal(Mail mail, MailAddress recipient) {
        Optional<String> peer = authenticatedPeer(mail);
        if (peer.isPresent() && peer.get().equalsIgnoreCase(recipient.getDomain().asString())) {
            return Optional.of(new DeliveryFailure(ROUTING_LOOP,
                "routing loop: the mail came in over XMPP from " + peer.get()));
        }
        int hops = hops(mail);
        if (hops > maxHops) {
            return Optional.of(new DeliveryFailure(ROUTING_LOOP,
                "routing loop: " + hops + " hops, more than " + maxHops));
        }
        return Optional.empty();
    }

    private static Optional<String> authenticatedPeer(Mail mail) {
        return mail.getAttribute(XmppMailAttributes.AUTHENTICATED_PEER)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast);
    }

    static int hops(Mail mail) {
        try {
            String[] received = mail.getMessage().getHeader("Received");
            return received == null ? 0 : received.length;
        } catch (MessagingException e) {
            return 0;
        }
    }
}
