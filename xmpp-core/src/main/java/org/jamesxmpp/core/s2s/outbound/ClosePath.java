package org.jamesxmpp.core.s2s.outbound;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * How a stream we opened ends, whatever it was for. Every end goes through here: ours ({@link #close}, or
 * {@link #abort} when nothing more may be written), the peer's {@code </stream:stream>}, a failure on the channel;
 * the channel's end ({@link #closed}) then tells the one cause the handler settles with: the first one given, or a
 * lost connection when there was none. A cause given after a stream error from the peer never replaces the error's.
 * Moves its handler's states to {@code closing} and {@code closed}; confined to the event loop.
 */
final class ClosePath<S extends Enum<S>> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClosePath.class);

    private final DomainPair pair;
    private final StreamStates<S> states;
    private final S closing;
    private final S closed;
    private final Duration timeout;
    private Optional<TerminationCause> cause = Optional.empty();

    ClosePath(DomainPair pair, StreamStates<S> states, S closing, S closed, Duration timeout) {
        this.pair = pair;
        this.states = states;
        this.closing = closing;
        this.closed = closed;
        this.timeout = timeout;
    }

    /** We end the stream: our {@code </stream:stream>}, then the connection once the peer answers or in time. */
    void close(ChannelHandlerContext ctx, TerminationCause terminationCause) {
        keep(terminationCause);
        if (states.isAnyOf(closing, closed)) {
            ctx.close();
            return;
        }
        states.moveTo(closing);
        ctx.writeAndFlush(StreamXml.CLOSE);
        ctx.executor().schedule(() -> ctx.close(), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** We end the connection now, without a word. */
    void abort(ChannelHandlerContext ctx, TerminationCause terminationCause) {
        keep(terminationCause);
        ctx.close();
    }

    /** The peer sent {@code </stream:stream>}: we answer with ours, unless we were the first. */
    void peerClosed(ChannelHandlerContext ctx) {
        keep(new TerminationCause(Reason.STREAM_BROKEN, pair.remote() + " closed the stream"));
        if (states.isAnyOf(closing, closed)) {
            ctx.close();
            return;
        }
        states.moveTo(closing);
        ctx.writeAndFlush(StreamXml.CLOSE).addListener(ChannelFutureListener.CLOSE);
    }

    /** The peer sent {@code <stream:error>}: it closes next, and nothing it said before counts as delivered. */
    void peerError(ChannelHandlerContext ctx, XmlElement error, Reason reason) {
        String condition = error.children().stream().findFirst().map(XmlElement::name).orElse("undefined-condition");
        LOGGER.warn("Stream error from {}: {}", pair.remote(), LogSafe.of(condition));
        close(ctx, new TerminationCause(reason, "stream error " + condition + " from " + pair.remote()));
    }

    /** The peer broke the rules ({@link StreamException}: a stream error goes out first) or the channel failed. */
    void failed(ChannelHandlerContext ctx, Throwable error) {
        if (error instanceof StreamException streamError) {
            LOGGER.warn("Closing stream to {}: {}", pair.remote(), LogSafe.of(streamError.getMessage()));
            keep(new TerminationCause(Reason.STREAM_BROKEN, streamError.getMessage()));
            if (!states.isAnyOf(closing, closed)) {
                states.moveTo(closing);
            }
            ctx.writeAndFlush(StreamXml.streamError(streamError.condition()) + StreamXml.CLOSE)
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        LOGGER.info("Stream to {} failed: {}", pair.remote(), LogSafe.of(error));
        abort(ctx, new TerminationCause(Reason.STREAM_BROKEN, error.toString()));
    }

    /** The channel is gone: the cause to settle everything the stream carried with. */
    TerminationCause closed() {
        states.moveTo(closed);
        return cause.orElse(new TerminationCause(Reason.STREAM_BROKEN, "connection to " + pair.remote() + " lost"));
    }

    private void keep(TerminationCause terminationCause) {
        if (cause.isEmpty()) {
            cause = Optional.of(terminationCause);
        }
    }
}
