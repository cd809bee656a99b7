package org.jamesxmpp.listener.c2s;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence a logged-in user sends: our server as the user's server (RFC 6121 3, 4). Subscription requests and answers
 * change the user's roster, then go to the contact; a broadcast goes to the contacts subscribed to the user and to the
 * user's available resources, and the initial one also probes the contacts the user is subscribed to and brings the
 * requests that waited; directed presence goes where it is addressed and is remembered (at most
 * {@code c2s/limits/maxRosterItems} addresses per resource) so that it goes unavailable there too, as everything does
 * when the stream ends.
 */
public class UserPresences {
    private final Rosters rosters;
    private final LocalPresences localPresences;
    private final PresenceOut presenceOut;
    private final int maxDirectedPresences;

    @Inject
    public UserPresences(Rosters rosters, LocalPresences localPresences, PresenceOut presenceOut, C2sConfiguration configuration) {
        this.rosters = rosters;
        this.localPresences = localPresences;
        this.presenceOut = presenceOut;
        this.maxDirectedPresences = configuration.maxRosterItems();
    }

    /** A presence with a {@code to}: subscriptions stamped with the bare JIDs, the rest with the full JID. */
    public Mono<Void> outbound(ClientSession session, Presence presence) {
        EntityBareJid user = session.jid().asEntityBareJid();
        BareJid contact = presence.getTo().asBareJid();
        return switch (presence.getType()) {
            case subscribe -> rosters.update(user, contact, before -> Optional.of(before.orElseGet(() -> RosterItem.listed(contact))
                    .asListed().withAskOut(before.filter(item -> item.subscription().hasTo()).isEmpty())))
                .then(presenceOut.send(presence));
            case subscribed -> rosters.update(user, contact, before -> before.filter(RosterItem::pendingIn)
                    .map(item -> item.asListed().withSubscription(item.subscription().withFrom(true)).withPendingIn(false)))
                .filter(change -> change.changed())
                .flatMap(change -> presenceOut.send(presence)
                    .then(localPresences.sendFromAvailable(user, contact, Optional.empty())));
            case unsubscribe -> rosters.update(user, contact, before -> before
                    .map(item -> item.withSubscription(item.subscription().withTo(false)).withAskOut(false)))
                .then(presenceOut.send(presence));
            case unsubscribed -> rosters.update(user, contact, before -> before
                    .map(item -> item.withSubscription(item.subscription().withFrom(false)).withPendingIn(false)))
                .flatMap(change -> presenceOut.send(presence)
                    .then(change.before().filter(item -> item.subscription().hasFrom()).isPresent()
                        ? localPresences.sendFromAvailable(user, contact, Optional.of(Presence.Type.unavailable))
                        : Mono.empty()));
            case probe -> Mono.empty();
            default -> {
                session.directedPresence(presence.getTo(), presence.getType(), maxDirectedPresences);
                yield presenceOut.send(presence);
            }
        };
    }

    /** A presence without {@code to}: available (initial or an update) or unavailable. */
    public Mono<Void> broadcast(ClientSession session, Presence presence) {
        if (presence.getType() == Presence.Type.available) {
            boolean initial = session.presence().isEmpty();
            session.presence(Optional.of(presence));
            return broadcastToSubscribers(session, presence)
                .then(initial ? afterInitialPresence(session) : Mono.empty());
        }
        if (presence.getType() == Presence.Type.unavailable) {
            return unavailable(session, presence);
        }
        return Mono.empty();
    }

    /** The stream ended: an available resource goes unavailable. */
    public Mono<Void> ended(ClientSession session) {
        return unavailable(session, PresenceOut.presence(Presence.Type.unavailable, session.jid(), null));
    }

    private Mono<Void> unavailable(ClientSession session, Presence presence) {
        boolean wasAvailable = session.presence().isPresent();
        session.presence(Optional.empty());
        Set<Jid> directed = session.takeDirectedPresences();
        Mono<Void> toDirected = Flux.fromIterable(directed)
            .flatMap(to -> presenceOut.send(presence.asBuilder().to(to).build()))
            .then();
        return (wasAvailable ? broadcastToSubscribers(session, presence) : Mono.<Void>empty()).then(toDirected);
    }

    private Mono<Void> broadcastToSubscribers(ClientSession session, Presence presence) {
        EntityBareJid user = session.jid().asEntityBareJid();
        localPresences.available(user).stream()
            .filter(other -> !other.equals(session) || presence.getType() == Presence.Type.available)
            .forEach(other -> other.deliver(presence.asBuilder().to(other.jid()).build()));
        return rosters.store().items(user)
            .flatMapMany(Flux::fromIterable)
            .filter(item -> item.subscription().hasFrom())
            .flatMap(item -> presenceOut.send(presence.asBuilder().to(item.jid()).build()))
            .then();
    }

    /** RFC 6121 4.2.2, 3.1.3: probes to the contacts the user sees, the other resources' presence, requests that waited. */
    private Mono<Void> afterInitialPresence(ClientSession session) {
        EntityBareJid user = session.jid().asEntityBareJid();
        localPresences.available(user).stream()
            .filter(other -> !other.equals(session))
            .forEach(other -> session.deliver(other.presence().orElseThrow().asBuilder().to(session.jid()).build()));
        return rosters.store().items(user)
            .flatMapMany(Flux::fromIterable)
            .flatMap(item -> {
                if (item.pendingIn()) {
                    session.deliver(PresenceOut.presence(Presence.Type.subscribe, item.jid(), user));
                }
                return item.subscription().hasTo()
                    ? presenceOut.send(PresenceOut.presence(Presence.Type.probe, user, item.jid()))
                    : Mono.empty();
            })
            .then();
    }
}
