package org.jamesxmpp.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * docs/security.md lists the cases of {@link HostileInputSuiteTest}, no more, no less, as the code has them. The table
 * the code gives is also written to {@code target/hostile-suite-table.md}, to paste into the doc after a change.
 */
class HostileSuiteTableTest {
    private static final Path DOC = Path.of("..", "docs", "security.md");
    private static final String BEGIN = "<!-- hostile-suite:begin (HostileSuiteTableTest) -->\n";
    private static final String END = "<!-- hostile-suite:end -->";

    static String table() {
        List<HostileCase> cases = HostileInputSuiteTest.cases().toList();
        StringBuilder table = new StringBuilder("| # | category | input | expected outcome | case |\n|---|---|---|---|---|\n");
        for (int i = 0; i < cases.size(); i++) {
            HostileCase hostile = cases.get(i);
            table.append("| ").append(i + 1).append(" | ").append(hostile.category()).append(" | ").append(hostile.input())
                .append(" | ").append(hostile.expected()).append(" | `").append(hostile.name()).append("` |\n");
        }
        return table.toString();
    }

    @Test
    void securityDocShouldListEveryCaseOfTheSuite() throws Exception {
        Files.writeString(Path.of("target", "hostile-suite-table.md"), table(), StandardCharsets.UTF_8);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/security.md has no " + BEGIN.trim()).isNotNegative();

        assertThat(doc.substring(begin + BEGIN.length(), end)).isEqualTo(table());
    }

    @Test
    void suiteShouldHaveAtLeastFiftyCases() {
        assertThat(HostileInputSuiteTest.cases().count()).isGreaterThanOrEqualTo(50);
        assertThat(HostileInputSuiteTest.cases().map(HostileCase::name).distinct().count())
            .isEqualTo(HostileInputSuiteTest.cases().count());
    }
}
