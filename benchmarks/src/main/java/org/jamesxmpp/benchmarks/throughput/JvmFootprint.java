package org.jamesxmpp.benchmarks.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Heap in use after a full GC and live threads of another JVM on this machine (jcmd and /proc). */
record JvmFootprint(double heapMiB, int threads) {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

    static JvmFootprint of(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher heap = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        Matcher threads = THREADS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!heap.find() || !threads.find()) {
            throw new IllegalStateException("no heap or thread count for process " + pid);
        }
        return new JvmFootprint(Long.parseLong(heap.group(1)) / 1024.0, Integer.parseInt(threads.group(1)));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + ": " + output);
        }
        return output;
    }
}
