package org.jamesxmpp.listener.inbound;

import java.util.List;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stanza with XEP-0033 addresses that reached some of our users also named addresses of our domains that nobody
 * serves: each of them answers the sender with its own {@code service-unavailable} error, as it would have answered
 * a stanza of its own (same id, {@code from} that address), so the sender learns which recipients failed. Addresses
 * of other domains are not ours to answer for: they are dropped, never relayed.
 */
public class UnknownAddressErrors {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnknownAddressErrors.class);

    // a provider: the s2s engine is built with the inbound handler that uses this
    private final Provider<StanzaSender> sender;
    private final LocalDomains localDomains;

    @Inject
    public UnknownAddressErrors(Provider<StanzaSender> sender, LocalDomains localDomains) {
        this.sender = sender;
        this.localDomains = localDomains;
    }

    /** The candidates of our domains that are not among the served ones, in the stanza's order. */
    public List<MailAddress> unknown(List<MailAddress> candidates, List<MailAddress> served) {
        return candidates.stream()
            .distinct()
            .filter(candidate -> !served.contains(candidate))
            .filter(candidate -> localDomains.isLocal(candidate.getDomain()))
            .toList();
    }

    /** Sends the errors; nobody waits for them (a failure is logged: the mail for the others is already taken). */
    public void answer(Message stanza, List<MailAddress> unknown) {
        for (MailAddress address : unknown) {
            try {
                EntityBareJid from = AddressMapper.toJid(address);
                Message error = StanzaBuilder.buildMessage(stanza.getStanzaId())
                    .ofType(Message.Type.error)
                    .from(from)
                    .to(stanza.getFrom())
                    .setError(StanzaError.getBuilder(StanzaError.Condition.service_unavailable)
                        .setType(StanzaError.Type.CANCEL)
                        .build())
                    .build();
                LOGGER.info("XMPP message {} from {}: no recipient {}", LogSafe.of(stanza.getStanzaId()),
                    LogSafe.of(stanza.getFrom()), LogSafe.of(address.asString()));
                sender.get().send(error).whenComplete((any, failure) -> {
                    if (failure != null) {
                        LOGGER.info("Could not return the error for {} to {}: {}", LogSafe.of(address.asString()),
                            LogSafe.of(stanza.getFrom()), LogSafe.of(failure));
                    }
                });
            } catch (UnmappableAddressException e) {
                LOGGER.info("No error for unmappable address {}", LogSafe.of(address.asString()));
            }
        }
    }
}
