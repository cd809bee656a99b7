package org.jamesxmpp.listener.c2s;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.core.store.RosterStore;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence for a local user, from a local user or over s2s: our server as the contact's server (RFC 6121 3, 4). A
 * subscription request is remembered (unlisted, RFC 6121 3.1.3) and reaches the user's available resources (later
 * ones get it at their initial presence), or is approved at once when the requester is subscribed already; answers
 * change the user's roster only when they answer something (a {@code subscribed} without our request is ignored; an
 * {@code unsubscribe} that only withdraws a request the user has not answered reaches no client);
 * a probe from a subscriber gets the presence of the user's available resources; the rest reaches the available
 * resources it is addressed to (RFC 6121 8.5).
 */
public class LocalPresences {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalPresences.class);

    private final Rosters rosters;
    private final SessionRegistry sessions;
    private final PresenceOut presenceOut;
    private final UsersRepository usersRepository;

    @Inject
    public LocalPresences(Rosters rosters, SessionRegistry sessions, PresenceOut presenceOut, UsersRepository usersRepository) {
        this.rosters = rosters;
        this.sessions = sessions;
        this.presenceOut = presenceOut;
        this.usersRepository = usersRepository;
    }

    public Mono<Void> receive(Presence presence) {
        EntityBareJid user = presence.getTo() == null ? null : presence.getTo().asEntityBareJidIfPossible();
        if (user == null || presence.getFrom() == null) {
            return Mono.empty();
        }
        BareJid contact = presence.getFrom().asBareJid();
        Mono<Void> handled = switch (presence.getType()) {
            case subscribe -> subscribe(user, contact, presence);
            case subscribed -> rosters.update(user, contact, before -> before
                    .filter(RosterItem::askOut)
                    .map(item -> item.withSubscription(item.subscription().withTo(true)).withAskOut(false)))
                .filter(RosterStore.RosterChange::changed)
                .doOnNext(any -> deliverToAvailable(user, presence))
                .then();
            case unsubscribe -> rosters.update(user, contact, before -> before
                    .map(item -> item.withSubscription(item.subscription().withFrom(false)).withPendingIn(false)))
                .filter(change -> change.before().filter(item -> item.subscription().hasFrom()).isPresent())
                .flatMap(change -> {
                    deliverToAvailable(user, presence);
                    return sendFromAvailable(user, contact, Optional.of(Presence.Type.unavailable));
                })
                .then();
            case unsubscribed -> rosters.update(user, contact, before -> before
                    .map(item -> item.withSubscription(item.subscription().withTo(false)).withAskOut(false)))
                .filter(RosterStore.RosterChange::changed)
                .doOnNext(any -> deliverToAvailable(user, presence))
                .then();
            case probe -> probe(user, contact, presence);
            default -> Mono.fromRunnable(() -> deliver(user, presence));
        };
        return handled.onErrorResume(error -> {
            LOGGER.info("Presence {} from {} to {} not handled: {}", presence.getType(), LogSafe.of(presence.getFrom()),
                LogSafe.of(user), LogSafe.of(error));
            return Mono.empty();
        });
    }

    private Mono<Void> subscribe(EntityBareJid user, BareJid contact, Presence presence) {
        return isUser(user).flatMap(exists -> !exists ? Mono.empty()
            : rosters.update(user, contact, before -> before.filter(item -> item.subscription().hasFrom())
                    .or(() -> Optional.of(before.map(item -> item.withPendingIn(true)).orElseGet(() -> RosterItem.requestOnly(contact)))))
                .flatMap(change -> {
                    if (change.before().filter(item -> item.subscription().hasFrom()).isPresent()) {
                        return presenceOut.send(PresenceOut.presence(Presence.Type.subscribed, user, contact));
                    }
                    deliverToAvailable(user, presence);
                    return Mono.empty();
                }));
    }

    private Mono<Void> probe(EntityBareJid user, BareJid contact, Presence probe) {
        Mono<Boolean> allowed = contact.equals(user) ? Mono.just(true)
            : rosters.store().item(user, contact).map(item -> item.subscription().hasFrom()).defaultIfEmpty(false);
        return allowed.flatMap(yes -> yes ? sendFromAvailable(user, probe.getFrom(), Optional.empty()) : Mono.empty());
    }

    /**
     * Sends the presence of each available resource of {@code user} to {@code to}: the resource's own, or an
     * unavailable one when {@code type} says so.
     */
    Mono<Void> sendFromAvailable(EntityBareJid user, Jid to, Optional<Presence.Type> type) {
        return Flux.fromIterable(available(user))
            .flatMap(session -> presenceOut.send(type
                .map(unavailable -> PresenceOut.presence(unavailable, session.jid(), to))
                .orElseGet(() -> session.presence().orElseThrow().asBuilder().from(session.jid()).to(to).build())))
            .then();
    }

    List<ClientSession> available(EntityBareJid user) {
        return sessions.sessions(user).stream().filter(session -> session.presence().isPresent()).toList();
    }

    private void deliverToAvailable(EntityBareJid user, Presence presence) {
        available(user).forEach(session -> session.deliver(presence));
    }

    /** RFC 6121 8.5.2.1.1, 8.5.3.2.1: to the bare JID, every available resource; to a full JID, that resource. */
    private void deliver(EntityBareJid user, Presence presence) {
        EntityFullJid full = presence.getTo().asEntityFullJidIfPossible();
        if (full == null) {
            deliverToAvailable(user, presence);
        } else {
            sessions.session(full).ifPresent(session -> session.deliver(presence));
        }
    }

    private Mono<Boolean> isUser(EntityBareJid user) {
        try {
            return Mono.from(usersRepository.containsReactive(usersRepository.getUsername(new MailAddress(user.toString()))));
        } catch (Exception e) {
            return Mono.just(false);
        }
    }
}
