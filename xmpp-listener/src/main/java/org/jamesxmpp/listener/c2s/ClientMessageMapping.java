package org.jamesxmpp.listener.c2s;

import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;

import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.mapping.InboundContext;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.mapping.InboundResult;
import org.jamesxmpp.core.mapping.MappingException;
import org.jamesxmpp.core.mapping.StanzaToMime;
import org.jamesxmpp.listener.inbound.InboundSettings;
import org.jivesoftware.smack.packet.Message;

/**
 * A logged-in user's message as the mapping's mail (stanza to MIME), the one conversion of the client side: the mail
 * that is submitted and the copy kept in the sender's mailbox are the same bytes (same {@code Message-ID}).
 */
public class ClientMessageMapping {
    private final InboundSettings settings;
    private final Clock clock;

    @Inject
    public ClientMessageMapping(InboundSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Empty when the message carries nothing for a mail (no body: a chat state, a receipt...). */
    public Optional<InboundMail> map(ClientSession session, Message message) throws MappingException {
        InboundResult result = StanzaToMime.convert(message, new InboundContext(session.jid().asDomainBareJid(),
            session.authMethod(), session.encrypted(), settings.receivingHost(), clock, settings.mappingOptions()));
        return result instanceof InboundMail mail ? Optional.of(mail) : Optional.empty();
    }

    public String receivingHost() {
        return settings.receivingHost();
    }
}
