package org.jamesxmpp.listener;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code tls/reloadInterval}, loads a listener's TLS stores again if their files changed, so that a renewed
 * certificate is served without a restart ({@link TlsContexts#reloadIfChanged()}); on a thread of its own, never on an
 * event loop.
 */
public final class TlsReloads {
    private static final Logger LOGGER = LoggerFactory.getLogger(TlsReloads.class);

    private final Optional<ScheduledExecutorService> scheduler;

    private TlsReloads(Optional<ScheduledExecutorService> scheduler) {
        this.scheduler = scheduler;
    }

    public static TlsReloads none() {
        return new TlsReloads(Optional.empty());
    }

    public static TlsReloads start(String listener, Optional<TlsContexts> tls, Duration interval) {
        if (tls.isEmpty()) {
            return none();
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "xmpp-" + listener + "-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> reload(tls.get()), interval.toMillis(), interval.toMillis(),
            TimeUnit.MILLISECONDS);
        return new TlsReloads(Optional.of(scheduler));
    }

    private static void reload(TlsContexts tls) {
        try {
            tls.reloadIfChanged();
        } catch (RuntimeException e) {
            LOGGER.warn("Checking the TLS stores for a change failed", LogSafe.exception(e));
        }
    }

    public void stop() {
        scheduler.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
