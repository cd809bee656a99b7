package org.jamesxmpp.core.s2s.inbound;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;

/**
 * Which incoming streams each remote domain is authenticated on, over the listener, so that one domain holds at most
 * {@link org.jamesxmpp.core.s2s.InboundLimits#maxStreamsPerDomain()} of them. A stream leaves every domain's count
 * when its channel closes. Thread-safe.
 */
public final class DomainStreams {
    private final int maxStreamsPerDomain;
    private final Map<String, Set<Channel>> streams = new ConcurrentHashMap<>();

    public DomainStreams(int maxStreamsPerDomain) {
        this.maxStreamsPerDomain = maxStreamsPerDomain;
    }

    /** Whether the domain may authenticate one more stream (a cheap check before a dialback verification). */
    boolean hasRoom(String remoteDomain, Channel channel) {
        Set<Channel> channels = streams.get(remoteDomain);
        return channels == null || channels.contains(channel) || channels.size() < maxStreamsPerDomain;
    }

    /** Counts the channel in for the domain; false (and nothing counted) when the domain has its maximum. */
    boolean register(String remoteDomain, Channel channel) {
        boolean[] admitted = new boolean[2];
        streams.compute(remoteDomain, (domain, channels) -> {
            Set<Channel> current = channels == null ? ConcurrentHashMap.newKeySet() : channels;
            if (current.contains(channel) || current.size() < maxStreamsPerDomain) {
                admitted[0] = true;
                admitted[1] = current.add(channel);
            }
            return current.isEmpty() ? null : current;
        });
        if (admitted[1]) {
            channel.closeFuture().addListener(closed -> unregister(remoteDomain, channel));
        }
        return admitted[0];
    }

    private void unregister(String remoteDomain, Channel channel) {
        streams.computeIfPresent(remoteDomain, (domain, channels) -> {
            channels.remove(channel);
            return channels.isEmpty() ? null : channels;
        });
    }
}
