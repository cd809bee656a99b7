package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.IdleS2sStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Footprint of inbound streams (issue 16): {@value #STREAMS} s2s streams held open at once against a real listener
 * with the default limits, from {@value #SOURCE_ADDRESSES} loopback source addresses (127.0.126.x, at most
 * {@code limits/maxConnectionsPerAddress}, 50, each). The listener serves them on its event loops: its thread count
 * stays flat, it does not grow with the streams. Heap, threads and file descriptors are printed. Both ends of every
 * connection are in this JVM: it needs about {@value #STREAMS} x 2 file descriptors ({@code ulimit -n}).
 */
class S2sFootprintTest {
    static final int STREAMS = 1_000;
    static final int SOURCE_ADDRESSES = 20;
    static final String LOCAL_DOMAIN = "james.test";
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.126.250", 5269);

    final IdleS2sStreams streams = new IdleS2sStreams(LOCAL, LOCAL_DOMAIN, IntStream.rangeClosed(1, SOURCE_ADDRESSES)
        .mapToObj(i -> "127.0.126." + i)
        .toList());
    S2sServer server;

    @AfterEach
    void tearDown() {
        streams.close();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void thousandInboundStreamsShouldBeHeldOpenWithoutAThreadPerStream() throws Exception {
        assertThat(openFileLimit()).as("ulimit -n: this test holds both ends of %s connections", STREAMS)
            .isGreaterThanOrEqualTo(2L * STREAMS + 500);
        server = new S2sServer(S2sSettings.builder()
            .bind(LOCAL)
            .inboundLimits(InboundLimits.defaults())
            .build(), LocalDomains.of(LOCAL_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), Clock.systemUTC());
        server.start();
        streams.open(SOURCE_ADDRESSES);
        Footprint few = Footprint.now();

        streams.open(STREAMS - SOURCE_ADDRESSES);
        Footprint many = Footprint.now();

        System.out.printf("S2sFootprintTest: %d open streams: heap %d MiB, %d threads, %d fds; %d streams: heap %d MiB,"
                + " %d threads, %d fds (max heap %d MiB, ulimit -n %d)%n", SOURCE_ADDRESSES, few.heapMiB(), few.threads(),
            few.fileDescriptors(), STREAMS, many.heapMiB(), many.threads(), many.fileDescriptors(),
            Runtime.getRuntime().maxMemory() >> 20, openFileLimit());
        assertThat(streams.size()).isEqualTo(STREAMS);
        assertThat(streams.stillOpen()).as("still open").isEqualTo(STREAMS);
        assertThat(many.threads() - few.threads()).as("threads added for %s more streams", STREAMS - SOURCE_ADDRESSES)
            .isLessThan(20);
        assertThat(many.fileDescriptors() - few.fileDescriptors()).isGreaterThanOrEqualTo(STREAMS - SOURCE_ADDRESSES);
    }

    private record Footprint(long heapMiB, int threads, long fileDescriptors) {
        static Footprint now() throws IOException {
            System.gc();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return new Footprint(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                    ManagementFactory.getThreadMXBean().getThreadCount(), fds.count());
            }
        }
    }

    private static long openFileLimit() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/limits")).stream()
            .filter(line -> line.startsWith("Max open files"))
            .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
            .mapToLong(limit -> "unlimited".equals(limit) ? Long.MAX_VALUE : Long.parseLong(limit))
            .findFirst()
            .orElseThrow();
    }
}
