package org.jamesxmpp.jpa;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;

/**
 * James's Lucene index commits only when it is closed (a clean stop): after a crash, every message indexed since the
 * start would be missing from IMAP SEARCH. This commits it every few seconds, so a crash loses at most that much.
 */
public class LuceneIndexCommitter implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LuceneIndexCommitter.class);
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private final LuceneMessageSearchIndex index;
    private final Duration period;
    private final ScheduledExecutorService scheduler;

    @Inject
    public LuceneIndexCommitter(LuceneMessageSearchIndex index) {
        this(index, DEFAULT_PERIOD);
    }

    @VisibleForTesting
    LuceneIndexCommitter(LuceneMessageSearchIndex index, Duration period) {
        this.index = index;
        this.period = period;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lucene-index-committer");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::commit, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    public void stop() {
        scheduler.shutdownNow();
    }

    private void commit() {
        try {
            index.commit();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Could not commit the search index", e);
        }
    }
}
