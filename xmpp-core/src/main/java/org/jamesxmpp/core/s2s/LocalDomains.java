package org.jamesxmpp.core.s2s;

import java.util.Arrays;
import java.util.Set;

import org.apache.james.core.Domain;
import org.jamesxmpp.core.address.DomainNames;

import com.google.common.collect.ImmutableSet;

/** Which XMPP domains this server serves (backed by James's domain list). */
@FunctionalInterface
public interface LocalDomains {
    boolean isLocal(Domain domain);

    /** A name as a peer or client wrote it: one that is not a domain name is none of ours. */
    default boolean isLocal(String name) {
        return DomainNames.parse(name).map(this::isLocal).orElse(false);
    }

    /** A fixed set of domains (tests, benchmarks, a server without James's domain list). */
    static LocalDomains of(String... names) {
        Set<Domain> domains = Arrays.stream(names).map(Domain::of).collect(ImmutableSet.toImmutableSet());
        return domains::contains;
    }
}
