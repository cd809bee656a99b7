package org.jamesxmpp.listener.c2s;

import java.time.Clock;
import java.util.List;
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

import reactor.core.publisher.Mono;

/**
 * A logged-in user's message as the mapping's mail (stanza to MIME), the one conversion of the client side: the mail
 * that is submitted and the copy kept in the sender's mailbox are the same bytes (same {@code Message-ID}).
 */
public class ClientMessageMapping {
    private final InboundSettings settings;
    private final Clock clock;
    private final MailboxReferences references;

    @Inject
    public ClientMessageMapping(InboundSettings settings, Clock clock, MailboxReferences references) {
        this.settings = settings;
        this.clock = clock;
        this.references = references;
    }

    /**
     * Empty when the message carries nothing for a mail (no body: a chat state, a receipt...); fails with a
     * {@link MappingException} when the message cannot be mail. The mails it replies to or forwards are looked up in
     * the user's mailbox first ({@link MailboxReferences}).
     */
    public Mono<Optional<InboundMail>> map(ClientSession session, Message message) {
        return references.of(session, message).handle((referenced, sink) -> {
            try {
                InboundResult result = StanzaToMime.convert(message, new InboundContext(session.jid().asDomainBareJid(),
                    session.authMethod(), session.encrypted(), settings.receivingHost(), clock, settings.mappingOptions()),
                    List.of(), referenced);
                sink.next(result instanceof InboundMail mail ? Optional.of(mail) : Optional.empty());
            } catch (MappingException e) {
                sink.error(e);
            }
        });
    }

    public String receivingHost() {
        return settings.receivingHost();
    }
}
