package org.jamesxmpp.core.s2s.outbound;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/** A deadline for the peer's answer (to the whole negotiation, or to an ack request). Event-loop confined. */
final class ResponseTimer {
    private final Duration timeout;
    private Optional<ScheduledFuture<?>> timer = Optional.empty();

    ResponseTimer(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    boolean isArmed() {
        return timer.isPresent();
    }

    void arm(EventExecutor executor, Runnable onTimeout) {
        cancel();
        timer = Optional.of(executor.schedule(() -> {
            timer = Optional.empty();
            onTimeout.run();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    void cancel() {
        timer.ifPresent(scheduled -> scheduled.cancel(false));
        timer = Optional.empty();
    }
}
