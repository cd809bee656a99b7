package org.jamesxmpp.listener.c2s;

import java.util.Locale;

import javax.inject.Inject;
import javax.inject.Provider;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Where a presence from a local user goes: to a local user, our own handling of presence for local users
 * ({@link LocalPresences}); to a domain that declares an XMPP server, our s2s engine; elsewhere nowhere (a mail-only
 * domain has no presence). Presence is never answered with an error (RFC 6121 4.3, 8): a failure is logged.
 */
public class PresenceOut {
    private static final Logger LOGGER = LoggerFactory.getLogger(PresenceOut.class);

    private final LocalDomains localDomains;
    private final Provider<LocalPresences> localPresences;
    private final S2sRouter router;
    private final StanzaSender sender;

    @Inject
    public PresenceOut(LocalDomains localDomains, Provider<LocalPresences> localPresences, S2sRouter router, StanzaSender sender) {
        this.localDomains = localDomains;
        this.localPresences = localPresences;
        this.router = router;
        this.sender = sender;
    }

    static Presence presence(Presence.Type type, Jid from, Jid to) {
        return StanzaBuilder.buildPresence().ofType(type).from(from).to(to).build();
    }

    public Mono<Void> send(Presence presence) {
        String domain = presence.getTo().getDomain().toString().toLowerCase(Locale.ROOT);
        Mono<Void> sent = localDomains.isLocal(domain)
            ? localPresences.get().receive(presence)
            : Mono.fromCompletionStage(router.resolve(domain))
                .flatMap(route -> route.advertised() ? Mono.fromCompletionStage(sender.send(presence)).then() : Mono.empty());
        return sent.onErrorResume(error -> {
            LOGGER.info("Presence {} from {} to {} not sent: {}", presence.getType(), LogSafe.of(presence.getFrom()),
                LogSafe.of(presence.getTo()), LogSafe.of(error));
            return Mono.empty();
        });
    }
}
