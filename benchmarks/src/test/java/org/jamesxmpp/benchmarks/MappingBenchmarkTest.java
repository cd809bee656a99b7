package org.jamesxmpp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every mapping benchmark once at a small size (issue 17): each method converts its input 100 times, and every
 * conversion is checked to be the mail or stanza it measures, so that a benchmark cannot measure a failure.
 * No timing is asserted.
 */
class MappingBenchmarkTest {
    private static final int CONVERSIONS = 100;

    MappingBenchmark benchmark;

    @BeforeEach
    void setUp() throws Exception {
        benchmark = new MappingBenchmark();
        benchmark.setUp();
    }

    @Test
    void everyBenchmarkShouldConvertItsInputEveryTime() throws Exception {
        List<Method> methods = Arrays.stream(MappingBenchmark.class.getMethods())
            .filter(method -> method.isAnnotationPresent(Benchmark.class))
            .toList();
        assertThat(methods).hasSize(7);

        for (Method method : methods) {
            int converted = 0;
            for (int i = 0; i < CONVERSIONS; i++) {
                Object result = method.invoke(benchmark);
                if (isConversion(result)) {
                    converted++;
                }
            }
            assertThat(converted).as(method.getName()).isEqualTo(CONVERSIONS);
        }
    }

    private static boolean isConversion(Object result) {
        if (result instanceof EncodedMail mail) {
            return mail.stanzas().size() == 1 && mail.stanzas().get(0).stanza().xml().contains("<body>");
        }
        if (result instanceof InboundMail mail) {
            String mime = new String(mail.mimeBytes(), StandardCharsets.UTF_8);
            return mime.contains("\r\n\r\n") && mime.contains("From: ");
        }
        return false;
    }
}
