package org.jamesxmpp.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The footprint harness once at a small size, on the memory flavour (the other harnesses' runs take the persistent
 * default): every s2s stream and SMTP connection must still be open when measured (the harness fails otherwise).
 * No size is asserted.
 */
class FootprintTest {
    @Test
    void harnessShouldHoldEveryStreamOpenAndPrintItsRatioLineLast() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            Footprint.main(new String[] {Path.of("..").toAbsolutePath().normalize().toString(), "60", "--memory"});
        } finally {
            System.setOut(console);
        }

        String[] lines = output.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("footprint "))
            .toArray(String[]::new);
        assertThat(lines).hasSize(6);
        assertThat(lines[2]).startsWith("footprint 60 idle inbound s2s streams: heap ");
        assertThat(lines[lines.length - 1])
            .matches("footprint xmpp/smtp = (-?\\d+\\.\\d{2}|-?Infinity|NaN) \\(xmpp -?\\d+\\.\\d MiB, smtp -?\\d+\\.\\d MiB, n=58\\)");
    }
}
