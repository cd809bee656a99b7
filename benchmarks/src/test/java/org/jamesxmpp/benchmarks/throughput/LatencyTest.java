package org.jamesxmpp.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The latency harness once at a small size, as {@code bin/benchmarks latency} runs it: every message must be seen
 * once at its end of each of the five paths (the harness fails otherwise). No timing is asserted.
 */
class LatencyTest {
    @Test
    void harnessShouldCountEveryMessageAndPrintItsRatioLineLast() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            Latency.main(new String[] {Path.of("..").toAbsolutePath().normalize().toString(), "50", "20"});
        } finally {
            System.setOut(console);
        }

        String[] lines = output.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("latency "))
            .toArray(String[]::new);
        assertThat(lines).hasSize(8);
        assertThat(lines).filteredOn(line -> line.contains(" -> ")).hasSize(5)
            .allSatisfy(line -> assertThat(line).matches("latency .+: p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms, max \\d+\\.\\d ms \\(n=20 at 50 msg/s\\)"));
        assertThat(lines[lines.length - 1])
            .matches("latency outbound xmpp/smtp = \\d+\\.\\d{2} \\(xmpp p99 \\d+\\.\\d ms, smtp p99 \\d+\\.\\d ms, n=20\\)");
        assertThat(lines[lines.length - 3]).startsWith("latency inbound xmpp/smtp = ").endsWith("n=20)");
    }
}
