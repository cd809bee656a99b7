package org.jamesxmpp.core.s2s.inbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;

import io.netty.channel.ChannelHandlerContext;

/**
 * Asks {@link LocalDomains} whether a domain is ours off the event loop: behind it is James's domain list, and a
 * database or LDAP lookup there would stall every stream of the loop. While an answer is awaited, the stream's
 * later input is held in order and reading paused; the answer is taken up on the channel's event loop, then the
 * held input is read again. So the stream still handles one element after the other, as if the lookup were
 * immediate. One per channel; event-loop confined, except the lookup itself.
 */
final class LocalDomainLookup {
    /** How the stream handler reads one input, and what it does with a failure (its exceptionCaught). */
    interface Reader {
        void read(ChannelHandlerContext ctx, Object msg);

        void failed(ChannelHandlerContext ctx, Throwable error);
    }

    /** What follows the answer; it may throw a {@link StreamException}. */
    interface Answer {
        void taken(boolean local);
    }

    private final LocalDomains localDomains;
    private final Executor executor;
    private final InboundSession session;
    private final Reader reader;
    private final Deque<Object> held = new ArrayDeque<>();
    private boolean awaiting;

    LocalDomainLookup(LocalDomains localDomains, Executor executor, InboundSession session, Reader reader) {
        this.localDomains = localDomains;
        this.executor = executor;
        this.session = session;
        this.reader = reader;
    }

    /** @return whether {@code msg} must wait for an answer (it is then kept and read later) */
    boolean hold(Object msg) {
        if (awaiting) {
            held.add(msg);
        }
        return awaiting;
    }

    /** Runs {@code then} with whether {@code domain} is ours, unless the stream ended before the answer came. */
    void isLocal(ChannelHandlerContext ctx, String domain, Answer then) {
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
        ReadPauses.of(ctx.channel()).pause(ReadPauses.Reason.DOMAIN_LOOKUP);
        answer.whenComplete((any, error) -> ctx.executor().execute(() -> answered(ctx, answer, then)));
    }

    private void answered(ChannelHandlerContext ctx, CompletableFuture<Boolean> answer, Answer then) {
        awaiting = false;
        ReadPauses.of(ctx.channel()).resume(ReadPauses.Reason.DOMAIN_LOOKUP);
        if (session.state() == InboundState.CLOSED) {
            held.clear();
            return;
        }
        try {
            then.taken(local(answer));
        } catch (RuntimeException e) {
            reader.failed(ctx, e);
        }
        while (!awaiting && !held.isEmpty() && session.state() != InboundState.CLOSED) {
            Object msg = held.poll();
            try {
                reader.read(ctx, msg);
            } catch (RuntimeException e) {
                reader.failed(ctx, e);
            }
        }
        if (session.state() == InboundState.CLOSED) {
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
