package org.jamesxmpp.it.hostile;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap of this JVM (James runs in it) during a flood: used bytes after a forced collection before the flood and
 * while it is at its height (what the flood retains), and the highest used figure sampled meanwhile (garbage
 * included). Printed to the test output.
 */
final class HeapWatch implements AutoCloseable {
    private static final long MIB = 1024 * 1024;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final String name;
    private final long baseline;
    private final AtomicLong sampledPeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch(String name) {
        this.name = name;
        this.baseline = usedAfterCollection();
        this.sampler = new Thread(this::sample, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapWatch start(String name) {
        return new HeapWatch(name);
    }

    private void sample() {
        while (running) {
            sampledPeak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long usedAfterCollection() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Call at the height of the flood (its connections still open): the heap it holds, in MiB, printed. */
    long retainedMib() {
        long retained = usedAfterCollection() - baseline;
        System.out.printf("heap during %s: %d MiB before, +%d MiB retained at the height of the flood (after GC),"
            + " %d MiB highest sampled (with garbage), max heap %d MiB%n", name, baseline / MIB, retained / MIB,
            sampledPeak.get() / MIB, MEMORY.getHeapMemoryUsage().getMax() / MIB);
        return retained / MIB;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
