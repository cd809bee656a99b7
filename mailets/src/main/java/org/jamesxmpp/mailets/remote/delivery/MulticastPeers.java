package org.jamesxmpp.mailets.remote.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Mono;

/**
 * Which recipient domains get one XEP-0033 multicast stanza instead of a stanza per recipient: those whose server
 * announces {@code http://jabber.org/protocol/address} in its disco#info (asked once per pair of domains, the answer
 * kept for {@code ttl}, at most {@code maxDomains} pairs, the least recently used forgotten first). A question without
 * answer counts as no multicast for the same time: the mail still goes, one stanza per recipient.
 */
public class MulticastPeers {
    private final StanzaSender sender;
    private final boolean enabled;
    private final Cache<String, CompletableFuture<Boolean>> answers;

    public MulticastPeers(StanzaSender sender, boolean enabled, Duration ttl, int maxDomains) {
        this.sender = sender;
        this.enabled = enabled;
        this.answers = CacheBuilder.newBuilder().expireAfterWrite(ttl).maximumSize(maxDomains).build();
    }

    public static MulticastPeers disabled(StanzaSender sender) {
        return new MulticastPeers(sender, false, Duration.ofMinutes(1), 1);
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
        return Mono.fromFuture(() -> answer(local, remote))
            .map(multicast -> multicast ? ImmutableSet.of(remote) : ImmutableSet.<String>of());
    }

    private CompletableFuture<Boolean> answer(String local, String remote) {
        try {
            return answers.get(local + ' ' + remote, () -> sender.discoFeatures(local, remote)
                .thenApply(features -> features.contains(MultipleAddressesElement.NAMESPACE))
                .exceptionally(any -> false)
                .toCompletableFuture());
        } catch (ExecutionException e) {
            return CompletableFuture.completedFuture(false);
        }
    }
}
