package org.jamesxmpp.core.s2s.inbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * The stanzas of one incoming stream between reading and done. The handler may finish them out of order; what the
 * peer learns stays in order: an XEP-0198 answer counts only the unbroken prefix of finished stanzas, and an XEP-0199
 * ping is taken up only once every stanza received before it is finished, since its answer tells the peer we
 * processed them (RFC 6120 10.1; peers without XEP-0198 settle their sends on it). For the same reason an iq result
 * or error (the peer's answer to our ping) waits for the stanzas before it: an error stanza the peer sent ahead of
 * that answer must fail our send before the answer settles it as delivered. Stanzas after a waiting iq do not
 * wait. Beyond {@code limits/maxInFlightStanzas} unfinished stanzas, or when the listener's {@link InFlightBytes} are spent,
 * the peer is no longer read. Event-loop confined; the stanzas' stages may complete on any thread.
 */
final class InboundStanzaFlow {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundStanzaFlow.class);

    private record WaitingIq(long position, Runnable takeUp) {
    }

    private final InboundAcks acks = new InboundAcks();
    private final InboundAcks order = new InboundAcks();
    private final Deque<WaitingIq> waitingIqs = new ArrayDeque<>();
    private final InFlightBytes inFlightBytes;
    private final int maxInFlight;
    private boolean streamManagement;
    private int inFlight;

    /** @param maxInFlight stanzas handed to the handler and not finished yet, beyond which we stop reading the peer */
    InboundStanzaFlow(InFlightBytes inFlightBytes, int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.inFlightBytes = inFlightBytes;
    }

    /**
     * An XEP-0198 element from the peer: {@code <enable/>} turns counting on for the following stanzas when
     * {@code mayEnable} (offered, stream authenticated) and not on yet; {@code <r/>} asks for an answer.
     */
    void onStreamManagement(ChannelHandlerContext ctx, XmlElement element, boolean mayEnable) {
        switch (element.name()) {
            case "enable" -> {
                if (mayEnable && !streamManagement) {
                    streamManagement = true;
                    ctx.writeAndFlush(StreamXml.streamManagementEnabled());
                } else {
                    ctx.writeAndFlush(StreamXml.streamManagementFailed("unexpected-request"));
                }
            }
            case "r" -> ackRequested(ctx);
            default -> LOGGER.debug("Ignoring stream management element {}", element.name());
        }
    }

    /**
     * A stanza of {@code bytes} was read; {@code accept} hands it on (its stage fails with a {@link StreamException}
     * when the stanza breaks the stream rules), now or, for a ping, once the stanzas before it are finished.
     */
    void received(ChannelHandlerContext ctx, XmlElement element, long bytes, Supplier<CompletionStage<Void>> accept) {
        long sequence = streamManagement ? acks.nextSequence() : -1;
        long position = order.nextSequence();
        inFlight++;
        if (inFlight >= maxInFlight) {
            ReadPauses.of(ctx.channel()).pause(ReadPauses.Reason.STANZAS_IN_FLIGHT);
        }
        inFlightBytes.acquire(ctx.channel(), bytes);
        Runnable takeUp = () -> takeUp(accept).whenComplete((any, error) -> {
            inFlightBytes.release(bytes);
            ctx.executor().execute(() -> {
                finished(ctx, sequence, position);
                streamViolation(error).ifPresent(ctx.pipeline()::fireExceptionCaught);
            });
        });
        if (waitsForEarlierStanzas(element) && order.handled() < position) {
            waitingIqs.add(new WaitingIq(position, takeUp));
        } else {
            takeUp.run();
        }
    }

    private static CompletionStage<Void> takeUp(Supplier<CompletionStage<Void>> accept) {
        try {
            return accept.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Optional<StreamException> streamViolation(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof StreamException violation ? Optional.of(violation) : Optional.empty();
    }

    private void ackRequested(ChannelHandlerContext ctx) {
        if (streamManagement) {
            acks.requested();
            answerAckIfDue(ctx);
        }
    }

    private void finished(ChannelHandlerContext ctx, long sequence, long position) {
        inFlight--;
        if (inFlight < maxInFlight / 2) {
            ReadPauses.of(ctx.channel()).resume(ReadPauses.Reason.STANZAS_IN_FLIGHT);
        }
        if (sequence >= 0) {
            acks.completed(sequence);
            answerAckIfDue(ctx);
        }
        order.completed(position);
        while (!waitingIqs.isEmpty() && waitingIqs.peek().position() <= order.handled()) {
            waitingIqs.poll().takeUp().run();
        }
    }

    private void answerAckIfDue(ChannelHandlerContext ctx) {
        acks.dueAnswer().ifPresent(h -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(StreamXml.streamManagementAck(h));
            }
        });
    }

    private static boolean waitsForEarlierStanzas(XmlElement element) {
        if (!"iq".equals(element.name())) {
            return false;
        }
        String type = element.attribute("type").orElse("");
        return "result".equals(type) || "error".equals(type)
            || "get".equals(type) && element.child(StreamXml.PING_NAMESPACE, "ping").isPresent();
    }
}
