package org.jamesxmpp.mailets.remote.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.store.DomainCapabilityStore;
import org.jamesxmpp.core.store.MemoryDomainCapabilityStore;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;

/**
 * Which recipient domains get one XEP-0033 multicast stanza instead of a stanza per recipient: those whose server
 * announces {@code http://jabber.org/protocol/address} in its disco#info (asked once per pair of domains, the answer
 * kept for {@code ttl} in the {@link DomainCapabilityStore}, which the nodes of a cluster share). A question without
 * answer counts as no multicast for the same time: the mail still goes, one stanza per recipient. So does a store that
 * cannot be read or written: the question is asked again. Questions under way are shared on this node only.
 */
public class MulticastPeers {
    private static final Logger LOGGER = LoggerFactory.getLogger(MulticastPeers.class);
    private static final Set<String> MULTICAST = ImmutableSet.of(MultipleAddressesElement.NAMESPACE);

    private final StanzaSender sender;
    private final boolean enabled;
    private final Duration ttl;
    private final DomainCapabilityStore capabilities;
    private final Map<String, CompletableFuture<Boolean>> underWay = new ConcurrentHashMap<>();

    public MulticastPeers(StanzaSender sender, boolean enabled, Duration ttl, DomainCapabilityStore capabilities) {
        this.sender = sender;
        this.enabled = enabled;
        this.ttl = ttl;
        this.capabilities = capabilities;
    }

    public static MulticastPeers disabled(StanzaSender sender) {
        return new MulticastPeers(sender, false, Duration.ofMinutes(1),
            new MemoryDomainCapabilityStore(1, Clock.systemUTC()));
    }

    /** The domains of {@code recipients} (of one domain, as the mailet queues them) to multicast to from the sender's. */
    public Mono<Set<String>> multicastDomains(MailAddress from, List<MailAddress> recipients) {
        if (!enabled || recipients.size() < 2) {
            return Mono.just(ImmutableSet.of());
        }
        String local = from.getDomain().asString().toLowerCase(Locale.ROOT);
        String remote = recipients.get(0).getDomain().asString().toLowerCase(Locale.ROOT);
        if (recipients.stream().anyMatch(recipient -> !recipient.getDomain().asString().equalsIgnoreCase(remote))) {
            return Mono.just(ImmutableSet.of());
        }
        return answer(local, remote)
            .map(multicast -> multicast ? ImmutableSet.of(remote) : ImmutableSet.<String>of());
    }

    private Mono<Boolean> answer(String local, String remote) {
        return capabilities.get(local, remote)
            .map(known -> known.features().contains(MultipleAddressesElement.NAMESPACE))
            .onErrorResume(e -> storeFailed("read", e))
            .switchIfEmpty(Mono.defer(() -> ask(local, remote)));
    }

    private Mono<Boolean> ask(String local, String remote) {
        String pair = local + ' ' + remote;
        CompletableFuture<Boolean> question = underWay.computeIfAbsent(pair, any -> discover(local, remote).toFuture());
        return Mono.fromFuture(question)
            .doFinally(any -> underWay.remove(pair, question));
    }

    private static <T> Mono<T> storeFailed(String what, Throwable e) {
        LOGGER.warn("The domain capability store could not be {}: {}", what, e.toString());
        return Mono.empty();
    }

    private Mono<Boolean> discover(String local, String remote) {
        return Mono.fromCompletionStage(() -> sender.discoFeatures(local, remote))
            .map(features -> features.contains(MultipleAddressesElement.NAMESPACE))
            .onErrorReturn(false)
            .flatMap(multicast -> capabilities.put(local, remote, multicast ? MULTICAST : ImmutableSet.of(), ttl)
                .onErrorResume(e -> storeFailed("written", e))
                .thenReturn(multicast));
    }
}
