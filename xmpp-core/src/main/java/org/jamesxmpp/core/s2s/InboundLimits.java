package org.jamesxmpp.core.s2s;

import java.time.Duration;

import com.google.common.base.Preconditions;

/**
 * What one peer, or all of them, may take of the listener. The defaults let a normal peer through at full speed.
 *
 * @param maxConnections incoming connections at once, in total; beyond it a new one gets {@code resource-constraint}
 * @param maxConnectionsPerAddress the same from one IP address; beyond it: {@code policy-violation}
 * @param maxStreamsPerDomain incoming streams on which one remote domain is authenticated at once; beyond it that
 *     domain's authentication is refused ({@code policy-violation})
 * @param stanzaDeadline once a stanza's first byte arrived, its last must follow within this; else {@code policy-violation}
 * @param maxBytesPerSecond what one stream is read at, at most (a burst of one second's worth); beyond it reading pauses
 * @param maxInFlightBytes bytes of stanzas read but not yet handed over (spooled), over all streams; beyond it the
 *     streams that add to it pause reading until it drains
 * @param maxInFlightStanzas stanzas of one stream read but not yet handled; beyond it that stream pauses reading until
 *     half of them are done
 */
public record InboundLimits(int maxConnections,
                            int maxConnectionsPerAddress,
                            int maxStreamsPerDomain,
                            Duration stanzaDeadline,
                            long maxBytesPerSecond,
                            long maxInFlightBytes,
                            int maxInFlightStanzas) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 50;
    public static final int DEFAULT_MAX_STREAMS_PER_DOMAIN = 20;
    public static final Duration DEFAULT_STANZA_DEADLINE = Duration.ofMinutes(1);
    public static final long DEFAULT_MAX_BYTES_PER_SECOND = 1024 * 1024;
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_STANZAS = 256;

    public InboundLimits {
        Preconditions.checkArgument(maxConnections > 0, "maxConnections must be positive: %s", maxConnections);
        Preconditions.checkArgument(maxConnectionsPerAddress > 0, "maxConnectionsPerAddress must be positive: %s",
            maxConnectionsPerAddress);
        Preconditions.checkArgument(maxStreamsPerDomain > 0, "maxStreamsPerDomain must be positive: %s", maxStreamsPerDomain);
        Preconditions.checkArgument(!stanzaDeadline.isNegative() && !stanzaDeadline.isZero(), "stanzaDeadline must be positive");
        Preconditions.checkArgument(maxBytesPerSecond > 0, "maxBytesPerSecond must be positive: %s", maxBytesPerSecond);
        Preconditions.checkArgument(maxInFlightBytes > 0, "maxInFlightBytes must be positive: %s", maxInFlightBytes);
        Preconditions.checkArgument(maxInFlightStanzas > 0, "maxInFlightStanzas must be positive: %s", maxInFlightStanzas);
    }

    public static InboundLimits defaults() {
        return new InboundLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_STREAMS_PER_DOMAIN,
            DEFAULT_STANZA_DEADLINE, DEFAULT_MAX_BYTES_PER_SECOND, DEFAULT_MAX_IN_FLIGHT_BYTES, DEFAULT_MAX_IN_FLIGHT_STANZAS);
    }

    public InboundLimits withConnections(int total, int perAddress) {
        return new InboundLimits(total, perAddress, maxStreamsPerDomain, stanzaDeadline, maxBytesPerSecond, maxInFlightBytes,
            maxInFlightStanzas);
    }

    public InboundLimits withMaxStreamsPerDomain(int perDomain) {
        return new InboundLimits(maxConnections, maxConnectionsPerAddress, perDomain, stanzaDeadline, maxBytesPerSecond,
            maxInFlightBytes, maxInFlightStanzas);
    }

    public InboundLimits withStanzaDeadline(Duration deadline) {
        return new InboundLimits(maxConnections, maxConnectionsPerAddress, maxStreamsPerDomain, deadline, maxBytesPerSecond,
            maxInFlightBytes, maxInFlightStanzas);
    }

    public InboundLimits withMaxBytesPerSecond(long bytesPerSecond) {
        return new InboundLimits(maxConnections, maxConnectionsPerAddress, maxStreamsPerDomain, stanzaDeadline, bytesPerSecond,
            maxInFlightBytes, maxInFlightStanzas);
    }

    public InboundLimits withMaxInFlightBytes(long inFlightBytes) {
        return new InboundLimits(maxConnections, maxConnectionsPerAddress, maxStreamsPerDomain, stanzaDeadline,
            maxBytesPerSecond, inFlightBytes, maxInFlightStanzas);
    }

    public InboundLimits withMaxInFlightStanzas(int inFlightStanzas) {
        return new InboundLimits(maxConnections, maxConnectionsPerAddress, maxStreamsPerDomain, stanzaDeadline,
            maxBytesPerSecond, maxInFlightBytes, inFlightStanzas);
    }
}
