package org.jamesxmpp.core.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import com.google.common.hash.Hashing;

import reactor.core.publisher.Mono;

/**
 * What peer domains announced to one of ours (disco#info), kept for a TTL so that it is asked once per TTL, not once a
 * mail. Shared by every node of a cluster, so that a node learns what another one already asked. Domains are given
 * lower-cased; an answer older than its TTL is never returned.
 */
public interface DomainCapabilityStore {
    /** What {@code domain} announced when {@code asker} asked, unless its TTL ran out: empty when unknown. */
    Mono<DomainCapabilities> get(String asker, String domain);

    /** Keeps {@code features} as {@code domain}'s answer to {@code asker}, stored now, for {@code ttl}. */
    Mono<Void> put(String asker, String domain, Set<String> features, Duration ttl);

    /** A fixed-size key of the pair of domains, whatever their length. */
    static String keyOf(String asker, String domain) {
        return Hashing.sha256().hashString(asker + '\n' + domain, StandardCharsets.UTF_8).toString();
    }
}
