package org.jamesxmpp.core.s2s.outbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.s2s.DomainPair;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The peer's side of an {@link EmbeddedChannel} running one of our outgoing streams. */
final class EmbeddedStream {
    private EmbeddedStream() {
    }

    /** Feeds what the peer sends, runs what it triggers, and returns what we wrote meanwhile. */
    static String exchange(EmbeddedChannel channel, String input) {
        channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        return String.join("", written(channel).stream().map(Object::toString).toList());
    }

    static List<Object> written(EmbeddedChannel channel) {
        List<Object> written = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            written.add(message);
        }
        return written;
    }

    /** Queues a {@code <message/>} with id {@code id} on {@code stream}, from bob of the pair's local domain. */
    static CompletableFuture<Void> enqueue(EmbeddedChannel channel, OutgoingStream stream, DomainPair pair, String id) {
        CompletableFuture<Void> delivery = new CompletableFuture<>();
        stream.enqueue(new PendingStanza(pair, Optional.of(id), "bob@" + pair.local(), "alice@a.test",
            "<message id='" + id + "'/>", delivery));
        channel.runPendingTasks();
        return delivery;
    }
}
