package org.jamesxmpp.core.s2s.outbound;

import io.netty.channel.ChannelHandlerContext;

/**
 * An established outgoing stream as its stanza queue sees it: it writes, and asks to end the stream (the end itself
 * is the handler's, which reports it back as {@link OutboundStreamListener#terminated}).
 */
public final class StanzaWire {
    private final ChannelHandlerContext ctx;

    StanzaWire(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    boolean isWritable() {
        return ctx.channel().isWritable();
    }

    void write(String xml) {
        ctx.write(xml, ctx.voidPromise());
    }

    /** Writes {@code xml}, then tells whether it reached the socket. */
    void write(String xml, Runnable written, Runnable failed) {
        ctx.write(xml).addListener(write -> {
            if (write.isSuccess()) {
                written.run();
            } else {
                failed.run();
            }
        });
    }

    void flush() {
        ctx.flush();
    }

    void close(TerminationCause cause) {
        ctx.pipeline().fireUserEventTriggered(new CloseRequest(cause, false));
    }

    void closeNow(TerminationCause cause) {
        ctx.pipeline().fireUserEventTriggered(new CloseRequest(cause, true));
    }
}
