package org.jamesxmpp.core.s2s.inbound;

import java.util.EnumSet;
import java.util.Set;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Why reading a channel is paused. Several limits pause it for their own reasons; it reads again only once none is
 * left. Event-loop confined: call from the channel's event loop.
 */
final class ReadPauses {
    enum Reason {
        /** Too many stanzas of this stream not finished yet. */
        STANZAS_IN_FLIGHT,
        /** The listener's in-flight byte budget is spent. */
        IN_FLIGHT_BYTES,
        /** The stream read faster than its bytes per second. */
        RATE,
        /** Whether a domain is ours is being asked off the event loop; the input after it waits. */
        DOMAIN_LOOKUP
    }

    private static final AttributeKey<ReadPauses> KEY = AttributeKey.valueOf(ReadPauses.class, "readPauses");

    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    private final Channel channel;

    private ReadPauses(Channel channel) {
        this.channel = channel;
    }

    static ReadPauses of(Channel channel) {
        ReadPauses pauses = channel.attr(KEY).get();
        if (pauses == null) {
            pauses = new ReadPauses(channel);
            channel.attr(KEY).set(pauses);
        }
        return pauses;
    }

    void pause(Reason reason) {
        reasons.add(reason);
        channel.config().setAutoRead(false);
    }

    void resume(Reason reason) {
        reasons.remove(reason);
        if (reasons.isEmpty() && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    boolean isPaused(Reason reason) {
        return reasons.contains(reason);
    }
}
