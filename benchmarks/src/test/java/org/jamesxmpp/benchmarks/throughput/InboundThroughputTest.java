package org.jamesxmpp.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The inbound harness once at a small size, as {@code bin/benchmarks inbound} runs it: the real run command, every
 * message counted at both ends (the harness fails otherwise). No timing is asserted.
 */
class InboundThroughputTest {
    @Test
    void harnessShouldCountEveryMessageAndPrintItsRatioLineLast() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            InboundThroughput.main(new String[] {Path.of("..").toAbsolutePath().normalize().toString(), "40"});
        } finally {
            System.setOut(console);
        }

        String[] lines = output.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("inbound "))
            .toArray(String[]::new);
        assertThat(lines).hasSize(2);
        assertThat(lines[lines.length - 1])
            .matches("inbound xmpp/smtp = \\d+\\.\\d{2} \\(xmpp \\d+ msg/s, smtp \\d+ msg/s, n=40\\)");
        assertThat(lines[lines.length - 2]).startsWith("inbound visible over IMAP xmpp/smtp = ").endsWith("n=40)");
    }
}
