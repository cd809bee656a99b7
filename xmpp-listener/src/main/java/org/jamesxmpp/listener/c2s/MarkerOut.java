package org.jamesxmpp.listener.c2s;

import java.util.Locale;

import javax.inject.Inject;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jivesoftware.smack.packet.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Where a marker the server sends for a user goes: to a local user's online resources (nothing when none is online),
 * or over s2s to a domain that declares an XMPP server; a mail-only domain gets none (it asked for no markers).
 */
public class MarkerOut {
    private static final Logger LOGGER = LoggerFactory.getLogger(MarkerOut.class);

    private final LocalDomains localDomains;
    private final OnlineResources onlineResources;
    private final S2sRouter router;
    private final StanzaSender sender;

    @Inject
    public MarkerOut(LocalDomains localDomains, OnlineResources onlineResources, S2sRouter router, StanzaSender sender) {
        this.localDomains = localDomains;
        this.onlineResources = onlineResources;
        this.router = router;
        this.sender = sender;
    }

    /** Completes once the marker went (or could not go: logged); never fails. */
    public Mono<Void> send(Message marker) {
        String domain = marker.getTo().getDomain().toString().toLowerCase(Locale.ROOT);
        if (localDomains.isLocal(domain)) {
            int delivered = onlineResources.deliver(marker);
            LOGGER.info("Sent read marker of {} to {} ({} online resources)", LogSafe.of(marker.getFrom()),
                LogSafe.of(marker.getTo()), delivered);
            return Mono.empty();
        }
        return Mono.fromCompletionStage(router.resolve(domain))
            .filter(route -> route.advertised())
            .flatMap(route -> Mono.fromCompletionStage(sender.send(marker)))
            .doOnSuccess(any -> LOGGER.info("Sent read marker of {} to {}", LogSafe.of(marker.getFrom()), LogSafe.of(marker.getTo())))
            .onErrorResume(error -> {
                LOGGER.info("Read marker of {} to {} not sent: {}", LogSafe.of(marker.getFrom()), LogSafe.of(marker.getTo()),
                    LogSafe.of(error));
                return Mono.empty();
            });
    }
}
