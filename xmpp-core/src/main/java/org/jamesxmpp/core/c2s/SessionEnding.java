package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;

/**
 * What becomes of a bound session when its stream ends. A stream the client or we closed ends it: unbound, and
 * unavailable to its contacts. A lost connection (dropped, broken, idle) of a session with XEP-0198 resumption keeps
 * it bound for {@code resumptionTimeout}: it keeps what it is sent for the client to resume it on a new stream, and
 * ends when the time is up or what it keeps overflows. A session resumed on another stream is that stream's.
 */
final class SessionEnding {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionEnding.class);

    private final C2sContext context;

    SessionEnding(C2sContext context) {
        this.context = context;
    }

    void streamEnded(ChannelHandlerContext ctx, ChannelSession session, boolean connectionLost) {
        EventExecutor executor = ctx.executor();
        Optional<Long> detachment = connectionLost
            ? session.output().detach(ctx.channel(), overflowed -> executor.execute(() -> expire(session, overflowed, "overflowed")))
            : Optional.empty();
        if (detachment.isPresent()) {
            LOGGER.info("Client {} lost its connection: kept {} for resumption", LogSafe.of(session.jid()),
                context.settings().limits().resumptionTimeout());
            executor.schedule(() -> expire(session, detachment.get(), "was not resumed"),
                context.settings().limits().resumptionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else if (session.output().end(ctx.channel())) {
            finish(session);
        }
    }

    /**
     * A new stream binds the resource of {@code existing}: a session away for resumption gives it up (it ends, as if
     * its time were up), so a client that lost what it needed to resume gets its resource back at once.
     */
    void replaceIfAway(ClientSession existing) {
        if (existing instanceof ChannelSession away && away.output().endIfDetached()) {
            LOGGER.info("Session {} ended: a new stream binds its resource", LogSafe.of(away.jid()));
            finish(away);
        }
    }

    private void expire(ChannelSession session, long detachment, String why) {
        if (session.output().expire(detachment)) {
            LOGGER.info("Session {} ended: it {}", LogSafe.of(session.jid()), why);
            finish(session);
        }
    }

    private void finish(ChannelSession session) {
        context.sessions().unbind(session);
        context.router().ended(session);
    }
}
