package org.jamesxmpp.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Many inbound s2s streams held open at once, to measure what a listener spends on idle streams: each is opened up
 * to the listener's stream features, then left alone. They come from several loopback source addresses, in turn,
 * because a listener caps its connections per address ({@code limits/maxConnectionsPerAddress}).
 */
public final class IdleS2sStreams implements AutoCloseable {
    private static final String FEATURES = "</stream:features>";
    private static final String STREAM_END = "</stream:stream>";

    private final InetSocketAddress listener;
    private final String localDomain;
    private final List<String> sourceAddresses;
    private final List<RawS2sStream> streams = new ArrayList<>();

    public IdleS2sStreams(InetSocketAddress listener, String localDomain, List<String> sourceAddresses) {
        this.listener = listener;
        this.localDomain = localDomain;
        this.sourceAddresses = List.copyOf(sourceAddresses);
    }

    /** {@code count} more streams, each from its own {@code peerN.test}; fails if one is not answered with features. */
    public IdleS2sStreams open(int count) {
        for (int i = 0; i < count; i++) {
            int index = streams.size();
            RawS2sStream stream = RawS2sStream.connect(listener, sourceAddresses.get(index % sourceAddresses.size()));
            streams.add(stream);
            stream.send(RawS2sStream.streamHeader("peer" + index + ".test", localDomain)).await(FEATURES);
        }
        return this;
    }

    public int size() {
        return streams.size();
    }

    /** How many of the streams the listener has not closed. */
    public long stillOpen() {
        return streams.stream()
            .filter(stream -> !stream.available().contains(STREAM_END))
            .count();
    }

    @Override
    public void close() {
        streams.forEach(RawS2sStream::close);
        streams.clear();
    }
}
