package org.jamesxmpp.it.c2s.sinttest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Smack's integration test framework (sinttest 4.5.0-beta5) in a JVM of its own, on the class path the sinttest
 * module resolved (Smack 4.5, which must not meet the project's Smack 4.4), configured by {@code sinttest.*}
 * system properties; its whole output goes to a file, read back as a {@link SinttestReport}.
 */
record SinttestProcess(Path classpathFile, Map<String, String> properties, Path output, Duration timeout) {
    private static final String MAIN = "org.igniterealtime.smack.inttest.SmackIntegrationTestFramework";

    SinttestReport run() throws IOException, InterruptedException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("sinttest class path " + classpathFile + " is missing: build the sinttest module"
                + " first (mvn -pl integration-tests -am)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(Files.readString(classpathFile, StandardCharsets.UTF_8).trim());
        command.add(MAIN);
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("sinttest did not finish within " + timeout + ", see " + output);
        }
        return SinttestReport.parse(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
