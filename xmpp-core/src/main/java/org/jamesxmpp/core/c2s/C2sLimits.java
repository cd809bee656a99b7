package org.jamesxmpp.core.c2s;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * What a client may take of the client listener ({@code c2s/limits}, {@code c2s/streams} of xmpp.xml); every one
 * bounded.
 *
 * @param maxStanzaSize largest top-level element accepted from a client, in bytes
 * @param idleTimeout a stream without traffic for this long is closed
 * @param authenticationTimeout a stream that has not bound a resource after this long is closed
 * @param maxAuthenticationFailures failed SASL attempts on one stream before it is closed
 * @param failureDelay how long a failed attempt waits before its {@code <failure/>} is sent
 * @param maxConnections client connections open at once, authenticated or not
 * @param maxResourcesPerUser resources one user may have bound at once
 * @param maxUnacknowledgedStanzas XEP-0198: stanzas sent to one client and kept until it acknowledges them; a client
 *     that lets more wait loses its stream ({@code resource-constraint}) and cannot resume it
 * @param resumptionTimeout XEP-0198: how long a session whose connection dropped stays bound for the client to resume
 *     it; zero means no resumption
 */
public record C2sLimits(int maxStanzaSize,
                        Duration idleTimeout,
                        Duration authenticationTimeout,
                        int maxAuthenticationFailures,
                        Duration failureDelay,
                        int maxConnections,
                        int maxResourcesPerUser,
                        int maxUnacknowledgedStanzas,
                        Duration resumptionTimeout) {
    public static final int DEFAULT_MAX_STANZA_SIZE = 256 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_AUTHENTICATION_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_AUTHENTICATION_FAILURES = 3;
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_RESOURCES_PER_USER = 10;
    public static final int DEFAULT_MAX_UNACKNOWLEDGED_STANZAS = 500;
    public static final Duration DEFAULT_RESUMPTION_TIMEOUT = Duration.ofMinutes(5);

    public C2sLimits {
        Preconditions.checkArgument(maxStanzaSize > 0, "maxStanzaSize must be positive: %s", maxStanzaSize);
        Preconditions.checkArgument(isPositive(idleTimeout), "idleTimeout must be positive");
        Preconditions.checkArgument(isPositive(authenticationTimeout), "authenticationTimeout must be positive");
        Preconditions.checkArgument(maxAuthenticationFailures > 0, "maxAuthenticationFailures must be positive: %s",
            maxAuthenticationFailures);
        Preconditions.checkArgument(!failureDelay.isNegative(), "failureDelay must not be negative");
        Preconditions.checkArgument(maxConnections > 0, "maxConnections must be positive: %s", maxConnections);
        Preconditions.checkArgument(maxResourcesPerUser > 0, "maxResourcesPerUser must be positive: %s", maxResourcesPerUser);
        Preconditions.checkArgument(maxUnacknowledgedStanzas > 0, "maxUnacknowledgedStanzas must be positive: %s",
            maxUnacknowledgedStanzas);
        Preconditions.checkArgument(!resumptionTimeout.isNegative(), "resumptionTimeout must not be negative");
    }

    /** With XEP-0198's defaults. */
    public C2sLimits(int maxStanzaSize, Duration idleTimeout, Duration authenticationTimeout, int maxAuthenticationFailures,
                     Duration failureDelay, int maxConnections, int maxResourcesPerUser) {
        this(maxStanzaSize, idleTimeout, authenticationTimeout, maxAuthenticationFailures, failureDelay, maxConnections,
            maxResourcesPerUser, DEFAULT_MAX_UNACKNOWLEDGED_STANZAS, DEFAULT_RESUMPTION_TIMEOUT);
    }

    public boolean resumption() {
        return !resumptionTimeout.isZero();
    }

    public static C2sLimits defaults() {
        return new C2sLimits(DEFAULT_MAX_STANZA_SIZE, DEFAULT_IDLE_TIMEOUT, DEFAULT_AUTHENTICATION_TIMEOUT,
            DEFAULT_MAX_AUTHENTICATION_FAILURES, DEFAULT_FAILURE_DELAY, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_RESOURCES_PER_USER,
            DEFAULT_MAX_UNACKNOWLEDGED_STANZAS, DEFAULT_RESUMPTION_TIMEOUT);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
