package org.jamesxmpp.core.s2s;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.jamesxmpp.core.routing.AddressNetwork;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * What a peer's claim may make us connect to. A {@code db:result} names a domain we then dial; an attacker names
 * domains whose server is down (each claim would cost a connection attempt) or whose DNS points inside our network.
 *
 * @param verificationBackoff after a dialback verification for a domain could not reach its server, further claims of
 *     that domain are refused without dialing for this long, doubled for each further failure in a row
 * @param verificationBackoffCap the longest such wait
 * @param maxBackoffDomains claimed domains whose failures are remembered at most (the least recently failed are forgotten)
 * @param allowedPrivateNetworks addresses from DNS (SRV target or A/AAAA) that are not public (loopback, private,
 *     link-local, unique-local, unspecified, ...) are never connected to unless in one of these; static routes are
 *     always connected to
 */
public record DialOutPolicy(Duration verificationBackoff,
                            Duration verificationBackoffCap,
                            int maxBackoffDomains,
                            List<AddressNetwork> allowedPrivateNetworks) {
    public static final Duration DEFAULT_VERIFICATION_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_VERIFICATION_BACKOFF_CAP = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_BACKOFF_DOMAINS = 10_000;

    public DialOutPolicy {
        allowedPrivateNetworks = ImmutableList.copyOf(allowedPrivateNetworks);
        Preconditions.checkArgument(!verificationBackoff.isNegative(), "verificationBackoff must not be negative");
        Preconditions.checkArgument(verificationBackoffCap.compareTo(verificationBackoff) >= 0,
            "verificationBackoffCap (%s) must not be shorter than verificationBackoff (%s)", verificationBackoffCap,
            verificationBackoff);
        Preconditions.checkArgument(maxBackoffDomains > 0, "maxBackoffDomains must be positive: %s", maxBackoffDomains);
    }

    public static DialOutPolicy defaults() {
        return new DialOutPolicy(DEFAULT_VERIFICATION_BACKOFF, DEFAULT_VERIFICATION_BACKOFF_CAP, DEFAULT_MAX_BACKOFF_DOMAINS,
            ImmutableList.of());
    }

    public DialOutPolicy withVerificationBackoff(Duration base, Duration cap) {
        return new DialOutPolicy(base, cap, maxBackoffDomains, allowedPrivateNetworks);
    }

    public DialOutPolicy withAllowedPrivateNetworks(List<AddressNetwork> networks) {
        return new DialOutPolicy(verificationBackoff, verificationBackoffCap, maxBackoffDomains, networks);
    }

    /** Whether a resolved address that came from DNS may be connected to. */
    public boolean mayDialResolved(InetAddress address) {
        return AddressNetwork.isPublic(address) || allowedPrivateNetworks.stream().anyMatch(network -> network.contains(address));
    }
}
