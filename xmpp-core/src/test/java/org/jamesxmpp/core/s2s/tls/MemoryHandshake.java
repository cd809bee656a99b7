package org.jamesxmpp.core.s2s.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;

/** A TLS handshake between two SslHandlers in memory: what one channel writes is read by the other. */
final class MemoryHandshake {
    private static final int MAX_ROUNDS = 100;

    private MemoryHandshake() {
    }

    /** Runs the handshake to its end, then closes both channels. */
    static void run(SslHandler client, SslHandler server) {
        EmbeddedChannel serverChannel = new EmbeddedChannel(server);
        EmbeddedChannel clientChannel = new EmbeddedChannel(client);
        try {
            for (int round = 0; round < MAX_ROUNDS && !(client.handshakeFuture().isDone() && server.handshakeFuture().isDone());
                 round++) {
                relay(clientChannel, serverChannel);
                relay(serverChannel, clientChannel);
            }
        } finally {
            finish(clientChannel);
            finish(serverChannel);
        }
    }

    private static void relay(EmbeddedChannel from, EmbeddedChannel to) {
        Object written;
        while ((written = from.readOutbound()) != null) {
            if (to.isOpen()) {
                try {
                    to.writeInbound(written);
                } catch (RuntimeException expected) {
                    // a failed handshake: its future says why
                }
            } else {
                ((ByteBuf) written).release();
            }
        }
    }

    private static void finish(EmbeddedChannel channel) {
        try {
            channel.finishAndReleaseAll();
        } catch (RuntimeException expected) {
            // recorded by a failed handshake, already in its future
        }
    }
}
