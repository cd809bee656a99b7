package org.jamesxmpp.listener.c2s;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.c2s.ArchiveQuery;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.ClientStanzaRouter;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Where a logged-in user's stanza goes: to a local user, their online resources and (messages) their mailbox; to a
 * domain that declares an XMPP server (static route or SRV), our s2s engine; to any other domain, a mail from the
 * user (messages only); an XEP-0033 multicast to our domain, one mail to all its addresses. Failures come back to the client as stanza errors. A message that went is kept in the
 * sender's mailbox ({@link SentHistory}); one that was refused is not. The sender's other resources get carbons.
 * Presence and the roster are {@link UserPresences}' and {@link Rosters}' business; a read marker also flags the
 * chat it names read ({@link ReadMarkers}).
 */
public class C2sRouting implements ClientStanzaRouter {
    private static final Logger LOGGER = LoggerFactory.getLogger(C2sRouting.class);

    private final LocalDomains localDomains;
    private final UsersRepository usersRepository;
    private final OnlineResources onlineResources;
    private final ClientMailSubmission mailSubmission;
    private final S2sRouter router;
    private final StanzaSender sender;
    private final SentHistory sentHistory;
    private final CarbonCopies carbons;
    private final MailboxArchive archive;
    private final Rosters rosters;
    private final UserPresences presences;
    private final ReadMarkers readMarkers;
    private final ArchiveArrivals arrivals;
    private final ServiceAdministration administration;
    private final HandoffOrder order = new HandoffOrder();

    @Inject
    public C2sRouting(LocalDomains localDomains, UsersRepository usersRepository, OnlineResources onlineResources,
                      ClientMailSubmission mailSubmission, S2sRouter router, StanzaSender sender, SentHistory sentHistory,
                      CarbonCopies carbons, MailboxArchive archive, Rosters rosters, UserPresences presences,
                      ReadMarkers readMarkers, ArchiveArrivals arrivals, ServiceAdministration administration) {
        this.localDomains = localDomains;
        this.usersRepository = usersRepository;
        this.onlineResources = onlineResources;
        this.mailSubmission = mailSubmission;
        this.router = router;
        this.sender = sender;
        this.sentHistory = sentHistory;
        this.carbons = carbons;
        this.archive = archive;
        this.rosters = rosters;
        this.presences = presences;
        this.readMarkers = readMarkers;
        this.arrivals = arrivals;
        this.administration = administration;
    }

    @Override
    public void roster(ClientSession session, String id, String type, XmlElement query) {
        rosters.handle(session, id, type, query);
    }

    @Override
    public void command(ClientSession session, String id, String server, XmlElement command) {
        administration.command(session, id, server, command);
    }

    @Override
    public void broadcast(ClientSession session, Presence presence) {
        presences.broadcast(session, presence).subscribe(any -> { }, error -> logPresenceFailure(session, error));
    }

    @Override
    public void ended(ClientSession session) {
        order.forget(session);
        presences.ended(session).subscribe(any -> { }, error -> logPresenceFailure(session, error));
    }

    private static void logPresenceFailure(ClientSession session, Throwable error) {
        LOGGER.info("Presence of client {} failed: {}", LogSafe.of(session.jid()), LogSafe.of(error));
    }

    @Override
    public void queryArchive(ClientSession session, String id, ArchiveQuery query) {
        archive.query(session, id, query).subscribe();
    }

    @Override
    public void route(ClientSession session, Stanza stanza) {
        if (stanza instanceof Presence presence) {
            presences.outbound(session, presence).subscribe(any -> { }, error -> logPresenceFailure(session, error));
            return;
        }
        if (stanza instanceof Message message) {
            carbons.sent(session, message);
            readMarkers.seen(session.jid().asEntityBareJid(), message).subscribe();
            if (message.getTo() == null || !session.jid().asBareJid().equals(message.getTo().asBareJid())) {
                arrivals.expect(session.jid().asEntityBareJid(), message);
            }
        }
        String domain = stanza.getTo().getDomain().toString().toLowerCase(Locale.ROOT);
        Mono<Mono<Void>> handedOn = !localDomains.isLocal(domain) ? remote(session, stanza, domain)
            : isMulticast(stanza) ? Mono.just(mailSubmission.submit(session, (Message) stanza).then())
            : local(session, stanza);
        order.inOrder(session, handedOn)
            .flatMap(rest -> rest)
            .then(stanza instanceof Message message ? sentHistory.store(session, message) : Mono.empty())
            .subscribe(any -> { }, error -> refuse(session, stanza, error));
    }

    /**
     * An XEP-0033 message to our domain as multicast service ({@code ClientStanzas} checked its addresses): one mail
     * to every {@code to}, {@code cc} and {@code bcc} address, bcc in the envelope only; the pipeline delivers it,
     * locally, over XMPP (one stanza per recipient) or SMTP.
     */
    private static boolean isMulticast(Stanza stanza) {
        return stanza instanceof Message && stanza.getTo().isDomainBareJid() && MultipleAddressesElement.from(stanza) != null;
    }

    /** Hands the stanza to the local user's resources; what is left to do (its mail) comes back. */
    private Mono<Mono<Void>> local(ClientSession session, Stanza stanza) {
        EntityBareJid user = stanza.getTo().asEntityBareJidIfPossible();
        if (user == null) {
            return Mono.error(new StanzaErrorException(StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL));
        }
        return isUser(user).flatMap(exists -> {
            if (!exists) {
                return Mono.error(new StanzaErrorException(StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL));
            }
            if (stanza instanceof Message message) {
                arrivals.expect(user, message);
            }
            int delivered = onlineResources.deliver(stanza);
            if (stanza instanceof Message message) {
                return Mono.just(mailSubmission.submit(session, message).then());
            }
            if (stanza instanceof IQ iq && delivered == 0 && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
                return Mono.error(new StanzaErrorException(StanzaError.Condition.service_unavailable, StanzaError.Type.CANCEL));
            }
            return Mono.just(Mono.<Void>empty());
        });
    }

    private Mono<Boolean> isUser(EntityBareJid user) {
        try {
            return Mono.from(usersRepository.containsReactive(usersRepository.getUsername(new MailAddress(user.toString()))));
        } catch (Exception e) {
            return Mono.just(false);
        }
    }

    /** Hands the stanza to the s2s engine's queue (or, without an XMPP server, makes it mail); the rest comes back. */
    private Mono<Mono<Void>> remote(ClientSession session, Stanza stanza, String domain) {
        return Mono.fromCompletionStage(router.resolve(domain))
            .flatMap(route -> {
                if (route.advertised()) {
                    Mono<Void> acknowledged = Mono.fromCompletionStage(sender.send(stanza))
                        .doOnSuccess(any -> LOGGER.info("Sent stanza {} from client {} to {} over s2s",
                            LogSafe.of(stanza.getStanzaId()), LogSafe.of(session.jid()), LogSafe.of(stanza.getTo())))
                        .then();
                    return Mono.just(acknowledged);
                }
                if (stanza instanceof Message message) {
                    return Mono.just(mailSubmission.submit(session, message).then());
                }
                return Mono.error(new StanzaErrorException(StanzaError.Condition.remote_server_not_found, StanzaError.Type.CANCEL));
            });
    }

    private static void refuse(ClientSession session, Stanza stanza, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        StanzaErrorException stanzaError = toStanzaError(cause);
        LOGGER.info("Refused stanza {} from client {} to {}: {}", LogSafe.of(stanza.getStanzaId()), LogSafe.of(session.jid()),
            LogSafe.of(stanza.getTo()), LogSafe.of(cause.getMessage()));
        if (stanza instanceof Presence || isError(stanza)) {
            return;
        }
        session.deliver(ErrorReplies.of(stanza, stanzaError));
    }

    private static boolean isError(Stanza stanza) {
        return (stanza instanceof Message message && message.getType() == Message.Type.error)
            || (stanza instanceof IQ iq && (iq.getType() == IQ.Type.error || iq.getType() == IQ.Type.result));
    }

    private static StanzaErrorException toStanzaError(Throwable cause) {
        if (cause instanceof StanzaErrorException stanzaError) {
            return stanzaError;
        }
        if (cause instanceof DeliveryException delivery) {
            return delivery.stanzaError().orElseGet(() -> new StanzaErrorException(switch (delivery.reason()) {
                case REMOTE_SERVER_TIMEOUT -> StanzaError.Condition.remote_server_timeout;
                case REMOTE_SERVER_NOT_FOUND, AUTHENTICATION_FAILED -> StanzaError.Condition.remote_server_not_found;
                case QUEUE_FULL -> StanzaError.Condition.resource_constraint;
                case INVALID_STANZA -> StanzaError.Condition.bad_request;
                case STREAM_BROKEN, SHUTDOWN, STANZA_ERROR -> StanzaError.Condition.internal_server_error;
            }, delivery.isTemporary() ? StanzaError.Type.WAIT : StanzaError.Type.CANCEL, Optional.empty()));
        }
        return new StanzaErrorException(StanzaError.Condition.internal_server_error, StanzaError.Type.WAIT);
    }
}
