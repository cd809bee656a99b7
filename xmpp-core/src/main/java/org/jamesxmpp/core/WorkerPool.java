package org.jamesxmpp.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.google.common.base.Preconditions;
import com.google.common.util.concurrent.ThreadFactoryBuilder;

/**
 * A bounded pool for blocking work kept off the event loops: so many threads, so many tasks waiting; a task beyond
 * that is refused ({@link java.util.concurrent.RejectedExecutionException}), never queued without bound.
 *
 * @param threads threads working at once
 * @param maxQueued tasks waiting for a thread
 */
public record WorkerPool(int threads, int maxQueued) {
    public WorkerPool {
        Preconditions.checkArgument(threads > 0, "threads must be positive: %s", threads);
        Preconditions.checkArgument(maxQueued > 0, "maxQueued must be positive: %s", maxQueued);
    }

    /** @param nameFormat thread names, with {@code %d} for the thread's number */
    public ExecutorService newExecutor(String nameFormat) {
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(maxQueued),
            new ThreadFactoryBuilder().setNameFormat(nameFormat).setDaemon(true).build());
    }
}
