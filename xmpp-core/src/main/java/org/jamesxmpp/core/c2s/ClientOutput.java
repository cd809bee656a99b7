package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.function.LongConsumer;

import org.jamesxmpp.core.s2s.codec.StreamXml;

import io.netty.channel.Channel;

/**
 * Where a bound session's stanzas go. Before XEP-0198 is enabled: straight to its channel, refused when the client
 * does not read (the channel stays unwritable past the write buffer's high water mark), so memory stays bounded and
 * the mailbox keeps what it missed. Once enabled: every stanza is also kept until the client acknowledges it, and an
 * {@code <r/>} follows unless one is unanswered; a session whose connection dropped (detached) keeps what it is given
 * to send it when the client resumes on a new connection. A session with {@code max} unacknowledged stanzas is
 * overflowed: it refuses more and cannot be resumed. Everything is written through the channel's event loop's task
 * queue under this object's lock, so the wire order is the order kept, from any thread. Thread-safe.
 */
final class ClientOutput {
    /** Fired on the channel of an attached session that overflowed: its stream ends with {@code resource-constraint}. */
    enum Overflowed {
        INSTANCE
    }

    private Channel channel;
    private Optional<UnacknowledgedStanzas> unacknowledged = Optional.empty();
    private boolean resumable;
    private boolean ackRequested;
    private boolean overflowed;
    private boolean ended;
    private long detachments;
    private LongConsumer onDetachedOverflow = detachment -> { };

    ClientOutput(Channel channel) {
        this.channel = channel;
    }

    synchronized Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }

    /** Sends a stanza; false when it was refused (see the class). */
    synchronized boolean stanza(String xml) {
        if (ended || overflowed) {
            return false;
        }
        boolean slowReader = channel != null && channel.isActive() && !channel.isWritable();
        if (unacknowledged.isEmpty()) {
            return channel != null && channel.isActive() && !slowReader && send(xml);
        }
        if (slowReader) {
            return false;
        }
        if (!unacknowledged.get().add(xml)) {
            overflowed = true;
            if (channel == null) {
                onDetachedOverflow.accept(detachments);
            } else {
                Channel target = channel;
                target.eventLoop().execute(() -> target.pipeline().fireUserEventTriggered(Overflowed.INSTANCE));
            }
            return false;
        }
        if (channel != null) {
            send(xml);
            requestAcknowledgement();
        }
        return true;
    }

    /**
     * XEP-0198 enabled: {@code enabled} is sent, then every stanza after it is kept until acknowledged.
     *
     * @param resumable whether the session is kept when its connection drops
     */
    synchronized void enable(int max, boolean resumable, String enabled) {
        unacknowledged = Optional.of(new UnacknowledgedStanzas(max));
        this.resumable = resumable;
        send(enabled);
    }

    synchronized boolean enabled() {
        return unacknowledged.isPresent();
    }

    /** The client's {@code <a h/>}; false when {@code h} does not match what was sent. */
    synchronized boolean acknowledge(long h) {
        ackRequested = false;
        return unacknowledged.map(stanzas -> stanzas.acknowledge(h)).orElse(true);
    }

    /**
     * The connection {@code from} dropped; false when the session is no longer on it (a resumption took it over) or
     * cannot be resumed (overflowed, ended). Then stanzas are only kept, and {@code onOverflow} is given the
     * detachment's number (once, on the thread of {@link #stanza}, under this lock) if they overflow.
     *
     * @return the detachment's number for {@link #expire}, when detached
     */
    synchronized Optional<Long> detach(Channel from, LongConsumer onOverflow) {
        if (channel != from || ended || overflowed || !resumable) {
            return Optional.empty();
        }
        channel = null;
        ackRequested = false;
        onDetachedOverflow = onOverflow;
        return Optional.of(++detachments);
    }

    /** Ends the session unless it was resumed since detachment {@code detachment}; true when this ended it. */
    synchronized boolean expire(long detachment) {
        return detachments == detachment && endIfDetached();
    }

    /** Ends the session if it is away (detached, waiting to be resumed); true when this ended it. */
    synchronized boolean endIfDetached() {
        if (ended || channel != null) {
            return false;
        }
        ended = true;
        return true;
    }

    /** Ends the session for good, its stream on {@code from} closed; true when this ended it (it was on {@code from}). */
    synchronized boolean end(Channel from) {
        if (ended || channel != from) {
            return false;
        }
        ended = true;
        return true;
    }

    /**
     * XEP-0198 resumption on the connection {@code to}: the client got {@code h} of our stanzas; {@code resumed} is
     * sent, then every stanza it did not acknowledge, again. The connection the session was on, if any, is closed.
     * False, and nothing changed, when the session ended, overflowed or {@code h} does not match.
     */
    synchronized boolean resume(Channel to, long h, String resumed) {
        if (ended || overflowed || !resumable || !unacknowledged.get().acknowledge(h)) {
            return false;
        }
        Channel previous = channel;
        channel = to;
        ackRequested = false;
        detachments++;
        if (previous != null) {
            previous.close();
        }
        send(resumed);
        unacknowledged.get().pending().forEach(this::send);
        if (!unacknowledged.get().isEmpty()) {
            requestAcknowledgement();
        }
        return true;
    }

    private void requestAcknowledgement() {
        if (!ackRequested) {
            ackRequested = true;
            send(StreamXml.ackRequest());
        }
    }

    private boolean send(String xml) {
        Channel target = channel;
        target.eventLoop().execute(() -> target.writeAndFlush(xml));
        return true;
    }
}
