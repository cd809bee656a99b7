package org.jamesxmpp.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The outbound harness once at a small size, as {@code bin/benchmarks outbound} runs it: every mail must arrive at
 * the XMPP peers and the SMTP sink exactly once (the harness fails otherwise). No timing is asserted.
 */
class OutboundThroughputTest {
    @Test
    void harnessShouldCountEveryMailAndPrintItsRatioLineLast() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            OutboundThroughput.main(new String[] {Path.of("..").toAbsolutePath().normalize().toString(), "20"});
        } finally {
            System.setOut(console);
        }

        String[] lines = output.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("outbound "))
            .toArray(String[]::new);
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).matches("outbound xmpp/smtp = \\d+\\.\\d{2} \\(xmpp \\d+ msg/s, smtp \\d+ msg/s, n=20\\)");
        assertThat(lines[0]).startsWith("outbound xmpp-without-xep0198/smtp = ").endsWith("n=20)");
    }
}
