package org.jamesxmpp.core.s2s.inbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Asks {@link LocalDomains} whether a domain is ours off the event loop: behind it is James's domain list, and a
 * database or LDAP lookup there would stall every stream of the loop. While an answer is awaited, the stream's
 * later input is held in order and reading paused; the answer is taken up on the channel's event loop, then the
 * held input is read again. So the stream still handles one element after the other, as if the lookup were
 * immediate. One per channel; event-loop confined, except the lookup itself. Used by the s2s and the c2s stream
 * handlers.
 */
public final class LocalDomainLookup {
    /** How the stream handler reads one input, and what it does with a failure (its exceptionCaught). */
    public interface Reader {
        void read(ChannelHandlerContext ctx, Object msg);

        void failed(ChannelHandlerContext ctx, Throwable error);
    }

    /** What follows the answer; it may throw a {@link StreamException}. */
    public interface Answer {
        void taken(boolean local);
    }

    /** How the stream stops and starts reading its channel while an answer is awaited. */
    public interface Reading {
        /** Reading the channel with {@link io.netty.channel.ChannelConfig#setAutoRead}, for a stream nothing else pauses. */
        Reading AUTO_READ = new Reading() {
            @Override
            public void pause(Channel channel) {
                channel.config().setAutoRead(false);
            }

            @Override
            public void resume(Channel channel) {
                channel.config().setAutoRead(true);
            }
        };

        void pause(Channel channel);

        void resume(Channel channel);
    }

    /** The s2s streams, whose reading other limits pause too. */
    private static final Reading READ_PAUSES = new Reading() {
        @Override
        public void pause(Channel channel) {
            ReadPauses.of(channel).pause(ReadPauses.Reason.DOMAIN_LOOKUP);
        }

        @Override
        public void resume(Channel channel) {
            ReadPauses.of(channel).resume(ReadPauses.Reason.DOMAIN_LOOKUP);
        }
    };

    private final LocalDomains localDomains;
    private final Executor executor;
    private final BooleanSupplier closed;
    private final Reading reading;
    private final Reader reader;
    private final Deque<Object> held = new ArrayDeque<>();
    private boolean awaiting;

    LocalDomainLookup(LocalDomains localDomains, Executor executor, InboundSession session, Reader reader) {
        this(localDomains, executor, () -> session.state() == InboundState.CLOSED, READ_PAUSES, reader);
    }

    /** @param closed whether the stream ended: an answer after that is dropped, and so is the input held */
    public LocalDomainLookup(LocalDomains localDomains, Executor executor, BooleanSupplier closed, Reading reading,
                             Reader reader) {
        this.localDomains = localDomains;
        this.executor = executor;
        this.closed = closed;
        this.reading = reading;
        this.reader = reader;
    }

    /** @return whether {@code msg} must wait for an answer (it is then kept and read later) */
    public boolean hold(Object msg) {
        if (awaiting) {
            held.add(msg);
        }
        return awaiting;
    }

    /** Runs {@code then} with whether {@code domain} is ours, unless the stream ended before the answer came. */
    public void isLocal(ChannelHandlerContext ctx, String domain, Answer then) {
        CompletableFuture<Boolean> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> localDomains.isLocal(domain), executor);
        } catch (RejectedExecutionException e) {
            throw new StreamException(StreamErrorCondition.RESOURCE_CONSTRAINT, "no domain lookup free");
        }
        if (answer.isDone()) {
            then.taken(local(answer));
            return;
        }
        awaiting = true;
        reading.pause(ctx.channel());
        answer.whenComplete((any, error) -> ctx.executor().execute(() -> answered(ctx, answer, then)));
    }

    private void answered(ChannelHandlerContext ctx, CompletableFuture<Boolean> answer, Answer then) {
        awaiting = false;
        reading.resume(ctx.channel());
        if (closed.getAsBoolean()) {
            held.clear();
            return;
        }
        try {
            then.taken(local(answer));
        } catch (RuntimeException e) {
            reader.failed(ctx, e);
        }
        while (!awaiting && !held.isEmpty() && !closed.getAsBoolean()) {
            Object msg = held.poll();
            try {
                reader.read(ctx, msg);
            } catch (RuntimeException e) {
                reader.failed(ctx, e);
            }
        }
        if (closed.getAsBoolean()) {
            held.clear();
        }
    }

    private static boolean local(CompletableFuture<Boolean> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw new StreamException(StreamErrorCondition.INTERNAL_SERVER_ERROR, "the domain lookup failed");
        }
    }
}
