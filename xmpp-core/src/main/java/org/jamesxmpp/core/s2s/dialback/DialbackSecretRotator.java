package org.jamesxmpp.core.s2s.dialback;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jamesxmpp.core.store.DialbackSecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.ThreadFactoryBuilder;

/**
 * Keeps this node's {@link DialbackSecretRing} current: reads the generations from the store once at start (a store
 * that cannot answer then fails the start), then each {@link SecretRotation#refreshInterval()} on a thread of its own
 * (never an event loop), storing the next generation when the newest is due. A refresh that fails keeps the ring it
 * had and is tried again at the next one.
 */
public class DialbackSecretRotator implements Supplier<DialbackSecretRing>, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DialbackSecretRotator.class);

    private final DialbackSecretStore store;
    private final SecretRotation rotation;
    private final Clock clock;
    private final Supplier<String> newSecret;
    private final AtomicReference<DialbackSecretRing> ring = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("xmpp-dialback-rotation-%d").setDaemon(true).build());

    public DialbackSecretRotator(DialbackSecretStore store, SecretRotation rotation, Clock clock,
                                 Supplier<String> newSecret) {
        this.store = store;
        this.rotation = rotation;
        this.clock = clock;
        this.newSecret = newSecret;
    }

    public DialbackSecretRotator start() {
        refreshOrFail();
        long period = rotation.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads the generations now (rotating when due); fails when the store cannot answer. */
    public void refreshOrFail() {
        DialbackSecretRing next = new DialbackSecretRing(store.rotate(clock.instant(), rotation.interval(), newSecret),
            rotation);
        DialbackSecretRing previous = ring.getAndSet(next);
        int generation = next.newestFirst().get(0).generation();
        if (previous != null && previous.newestFirst().get(0).generation() != generation) {
            LOGGER.info("Dialback secret generation {} stored, signing from {}", generation,
                next.newestFirst().get(0).createdAt().plus(rotation.lead()));
        }
    }

    private void refresh() {
        try {
            refreshOrFail();
        } catch (RuntimeException e) {
            LOGGER.warn("Could not read the dialback secrets, keeping generation {} until the next try: {}",
                ring.get().newestFirst().get(0).generation(), e.toString());
        }
    }

    @Override
    public DialbackSecretRing get() {
        return ring.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
