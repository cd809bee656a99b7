package org.jamesxmpp.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Companion to JMH for shared, loaded machines: runs each {@link MappingBenchmark} method on one thread and divides
 * that thread's CPU time (not wall time) by the operations done, so other processes competing for the cores do not
 * count. Gives "conversions per second per core". JMH remains the reference when the machine is quiet.
 * Arguments: [warm-up seconds] [measured seconds] [name filter].
 */
public final class CpuTimeRunner {
    private CpuTimeRunner() {
    }

    public static void main(String[] args) throws Exception {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        String filter = args.length > 2 ? args[2] : "";
        MappingBenchmark benchmark = new MappingBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Method> methods = Arrays.stream(MappingBenchmark.class.getMethods())
            .filter(method -> method.isAnnotationPresent(Benchmark.class) && method.getName().contains(filter))
            .sorted(Comparator.comparing(Method::getName))
            .collect(Collectors.toList());
        System.out.printf(Locale.ROOT, "%-30s %14s %22s%n", "benchmark", "CPU us/op", "ops/s per core (CPU)");
        for (Method method : methods) {
            run(benchmark, method, threads, warmupSeconds);
            long[] measured = run(benchmark, method, threads, measureSeconds);
            double microsPerOp = measured[1] / 1000.0 / measured[0];
            System.out.printf(Locale.ROOT, "%-30s %14.1f %22.0f%n", method.getName(), microsPerOp, 1_000_000 / microsPerOp);
        }
    }

    private static long[] run(MappingBenchmark benchmark, Method method, ThreadMXBean threads, double cpuSeconds) throws Exception {
        long budget = (long) (cpuSeconds * 1_000_000_000L);
        long start = threads.getCurrentThreadCpuTime();
        long operations = 0;
        long used = 0;
        Object sink = null;
        while (used < budget) {
            for (int i = 0; i < 100; i++) {
                sink = method.invoke(benchmark);
            }
            operations += 100;
            used = threads.getCurrentThreadCpuTime() - start;
        }
        if (sink == null) {
            throw new IllegalStateException(method.getName() + " returned nothing");
        }
        return new long[] {operations, used};
    }
}
