package org.jamesxmpp.core.c2s;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jamesxmpp.core.s2s.tls.TlsContexts;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * Everything the client listener needs to know, immutable; every limit bounded.
 *
 * @param bindAddresses where clients connect; empty means no listener
 * @param tls our certificate for STARTTLS, loaded once at start-up; empty means no STARTTLS (then {@code tlsRequired}
 *     must be false)
 * @param tlsRequired no authentication (and nothing else) before STARTTLS
 * @param maxStanzaSize largest top-level element accepted from a client, in bytes
 * @param idleTimeout a stream without traffic for this long is closed
 * @param authenticationTimeout a stream that has not bound a resource after this long is closed
 * @param maxAuthenticationFailures failed SASL attempts on one stream before it is closed
 * @param failureDelay how long a failed attempt waits before its {@code <failure/>} is sent
 * @param maxConnections client connections open at once, authenticated or not
 * @param maxResourcesPerUser resources one user may have bound at once
 */
public record C2sSettings(List<InetSocketAddress> bindAddresses,
                          Optional<TlsContexts> tls,
                          boolean tlsRequired,
                          int maxStanzaSize,
                          Duration idleTimeout,
                          Duration authenticationTimeout,
                          int maxAuthenticationFailures,
                          Duration failureDelay,
                          int maxConnections,
                          int maxResourcesPerUser) {
    public static final int DEFAULT_PORT = 5222;
    public static final int DEFAULT_MAX_STANZA_SIZE = 256 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_AUTHENTICATION_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_AUTHENTICATION_FAILURES = 3;
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_RESOURCES_PER_USER = 10;

    public C2sSettings {
        bindAddresses = ImmutableList.copyOf(bindAddresses);
        Objects.requireNonNull(tls, "tls");
        Preconditions.checkArgument(!tlsRequired || tls.isPresent(), "TLS is required but no keystore is configured");
        Preconditions.checkArgument(maxStanzaSize > 0, "maxStanzaSize must be positive: %s", maxStanzaSize);
        Preconditions.checkArgument(isPositive(idleTimeout), "idleTimeout must be positive");
        Preconditions.checkArgument(isPositive(authenticationTimeout), "authenticationTimeout must be positive");
        Preconditions.checkArgument(maxAuthenticationFailures > 0, "maxAuthenticationFailures must be positive: %s",
            maxAuthenticationFailures);
        Preconditions.checkArgument(!failureDelay.isNegative(), "failureDelay must not be negative");
        Preconditions.checkArgument(maxConnections > 0, "maxConnections must be positive: %s", maxConnections);
        Preconditions.checkArgument(maxResourcesPerUser > 0, "maxResourcesPerUser must be positive: %s", maxResourcesPerUser);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
