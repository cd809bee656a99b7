package org.jamesxmpp.listener.c2s;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import javax.inject.Inject;
import javax.inject.Provider;

import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.ClientStreamXml;
import org.jamesxmpp.core.c2s.RosterXml;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.store.RosterItem;
import org.jamesxmpp.core.store.RosterStore;
import org.jamesxmpp.core.store.RosterStore.RosterChange;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * The users' rosters (RFC 6121 2): roster get and set of a client, and every change of an item, whoever made it (the
 * user, a subscription answer from a contact), pushed to the user's interested resources when what they see
 * changed. Removing a contact cancels the subscriptions both ways (RFC 6121 2.5.2).
 */
public class Rosters {
    private static final Logger LOGGER = LoggerFactory.getLogger(Rosters.class);

    private final RosterStore store;
    private final SessionRegistry sessions;
    private final Provider<PresenceOut> presenceOut;
    private final AtomicLong pushIds = new AtomicLong();

    @Inject
    public Rosters(RosterStore store, SessionRegistry sessions, Provider<PresenceOut> presenceOut) {
        this.store = store;
        this.sessions = sessions;
        this.presenceOut = presenceOut;
    }

    public RosterStore store() {
        return store;
    }

    public void handle(ClientSession session, String id, String type, XmlElement query) {
        Mono<String> answer = "get".equals(type) ? get(session, id, query.attribute("ver")) : set(session, id, query);
        answer.onErrorResume(error -> {
            LOGGER.warn("Roster {} of {} failed: {}", type, LogSafe.of(session.jid()), LogSafe.of(error));
            return Mono.just(ClientStreamXml.stanzaError("iq", id, Optional.empty(), "wait", "internal-server-error"));
        }).subscribe(session::deliver);
    }

    /** RFC 6121 2.6.3: a client naming the version it caches gets an empty result when it is still the roster's. */
    private Mono<String> get(ClientSession session, String id, Optional<String> cachedVersion) {
        session.rosterRequested(true);
        return store.items(session.jid().asEntityBareJid()).map(items -> {
            if (cachedVersion.isEmpty()) {
                return ClientStreamXml.iqResult(id, Optional.empty(), RosterXml.query(items));
            }
            String version = RosterXml.version(items);
            return ClientStreamXml.iqResult(id, Optional.empty(),
                version.equals(cachedVersion.get()) ? "" : RosterXml.query(items, Optional.of(version)));
        });
    }

    private Mono<String> set(ClientSession session, String id, XmlElement query) {
        EntityBareJid user = session.jid().asEntityBareJid();
        RosterXml.SetRequest request = RosterXml.parseSet(query);
        String result = ClientStreamXml.iqResult(id, Optional.empty(), "");
        if (request instanceof RosterXml.Refused refused) {
            return Mono.just(ClientStreamXml.stanzaError("iq", id, Optional.empty(), refused.errorType(), refused.condition()));
        }
        if (request instanceof RosterXml.Remove remove) {
            return update(user, remove.jid(), any -> Optional.empty())
                .flatMap(change -> cancelSubscriptions(user, change))
                .thenReturn(result);
        }
        RosterXml.Update update = (RosterXml.Update) request;
        return update(user, update.jid(), before -> Optional.of(before.orElseGet(() -> RosterItem.listed(update.jid()))
                .withNameAndGroups(update.name(), update.groups())))
            .thenReturn(result)
            .onErrorResume(RosterStore.RosterFullException.class,
                full -> Mono.just(ClientStreamXml.stanzaError("iq", id, Optional.empty(), "cancel", "not-allowed")));
    }

    private Mono<Void> cancelSubscriptions(EntityBareJid user, RosterChange change) {
        Optional<RosterItem> before = change.before();
        Mono<Void> unsubscribe = before.filter(item -> item.subscription().hasTo() || item.askOut())
            .map(item -> presenceOut.get().send(PresenceOut.presence(Presence.Type.unsubscribe, user, item.jid())))
            .orElse(Mono.empty());
        Mono<Void> unsubscribed = before.filter(item -> item.subscription().hasFrom() || item.pendingIn())
            .map(item -> presenceOut.get().send(PresenceOut.presence(Presence.Type.unsubscribed, user, item.jid())))
            .orElse(Mono.empty());
        return unsubscribe.then(unsubscribed);
    }

    /** Changes an item (see {@link RosterStore#update}) and pushes it to the interested resources if they see a change. */
    public Mono<RosterChange> update(EntityBareJid user, BareJid contact, UnaryOperator<Optional<RosterItem>> change) {
        return store.update(user, contact, change)
            .flatMap(outcome -> {
                Optional<RosterItem> seenBefore = outcome.before().filter(RosterItem::listed);
                Optional<RosterItem> seenAfter = outcome.after().filter(RosterItem::listed);
                if (seenBefore.equals(seenAfter)) {
                    return Mono.just(outcome);
                }
                return push(user, contact, seenAfter).thenReturn(outcome);
            });
    }

    /** A push without the roster's version when it cannot be read: the client then fetches the whole roster next time. */
    private Mono<Void> push(EntityBareJid user, BareJid contact, Optional<RosterItem> item) {
        List<ClientSession> interested = sessions.sessions(user).stream().filter(ClientSession::rosterRequested).toList();
        if (interested.isEmpty()) {
            return Mono.empty();
        }
        return store.items(user).map(items -> Optional.of(RosterXml.version(items)))
            .onErrorResume(error -> {
                LOGGER.warn("Roster version of {} unknown for a push: {}", LogSafe.of(user), LogSafe.of(error));
                return Mono.just(Optional.empty());
            })
            .doOnNext(version -> interested.forEach(session -> session.deliver(RosterXml.push("push-" + pushIds.incrementAndGet(),
                session.jid().toString(), contact, item, version))))
            .then();
    }
}
