package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** docs/architecture.md, "Outbound stream states", draws the transition tables of the code, no more, no less. */
class OutboundStreamArchitectureDocTest {
    private static final Path DOC = Path.of("..", "docs", "architecture.md");

    private record Edge(String from, String to) {
    }

    @Test
    void streamHandlerTableShouldMatchTheCode() throws IOException {
        assertThat(documented("`OutboundStreamHandler`:", OutboundStreamHandler.State.class))
            .containsExactlyInAnyOrderElementsOf(edges(OutboundStreamHandler.TRANSITIONS));
    }

    @Test
    void verifyHandlerTableShouldMatchTheCode() throws IOException {
        assertThat(documented("`DialbackVerifyHandler`:", DialbackVerifyHandler.State.class))
            .containsExactlyInAnyOrderElementsOf(edges(DialbackVerifyHandler.TRANSITIONS));
    }

    private static <S extends Enum<S>> Set<Edge> edges(Map<S, Set<S>> transitions) {
        Set<Edge> edges = new HashSet<>();
        transitions.forEach((from, targets) -> targets.forEach(to -> edges.add(new Edge(from.name(), to.name()))));
        return edges;
    }

    /** The rows of the table after {@code title}, with the rule stated above the tables for CLOSING and CLOSED. */
    private static <S extends Enum<S>> Set<Edge> documented(String title, Class<S> states) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int section = lines.indexOf("## Outbound stream states");
        int start = lines.subList(section, lines.size()).indexOf(title) + section;
        assertThat(start).as("%s in %s", title, DOC).isGreaterThan(section);
        Set<Edge> edges = new HashSet<>();
        lines.stream().skip(start + 4).takeWhile(line -> line.startsWith("|")).forEach(row -> {
            String[] cells = row.split("\\|");
            String from = cells[1].replace("`", "").trim();
            Arrays.stream(cells[2].split("/")).map(to -> to.replace("`", "").trim())
                .forEach(to -> edges.add(new Edge(from, to)));
        });
        S connecting = Enum.valueOf(states, "CONNECTING");
        S closing = Enum.valueOf(states, "CLOSING");
        S closed = Enum.valueOf(states, "CLOSED");
        EnumSet.complementOf(EnumSet.of(connecting, closing, closed)).forEach(state -> {
            edges.add(new Edge(state.name(), closing.name()));
            edges.add(new Edge(state.name(), closed.name()));
        });
        edges.add(new Edge(connecting.name(), closed.name()));
        edges.add(new Edge(closing.name(), closed.name()));
        return edges;
    }
}
