package org.jamesxmpp.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesxmpp.it.hostile.CaseRun.assertStreamError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.jamesxmpp.testing.RawS2sStream;

/** Floods: connections, dialback verifications, unfinished stanzas. Each prints the heap it took and bounds it. */
final class LimitCases {
    private static final String CATEGORY = "resource limits";
    /** What a flood may keep on the heap (after a collection) while it is at its height. */
    private static final long HEAP_BOUND_MIB = 96;
    private static final int PER_ADDRESS = 50;
    private static final int PENDING_PER_STREAM = 5;
    private static final int PENDING_IN_TOTAL = 100;

    private LimitCases() {
    }

    private static HostileCase of(String name, String input, String expected, HostileCase.Check check) {
        return new HostileCase(CATEGORY, name, input, expected, check);
    }

    private static String claim(String from) {
        return claim(from, "k");
    }

    private static String claim(String from, String key) {
        return "<db:result from='" + from + "' to='james.test'>" + key + "</db:result>";
    }

    static List<HostileCase> all() {
        return List.of(
            of("connectionFloodFromOneAddress", "60 connections from one address, each sending a header",
                "50 answered with features, 10 `policy-violation` (`limits/maxConnectionsPerAddress`); heap bounded", run -> {
                    try (HeapWatch heap = HeapWatch.start("connectionFloodFromOneAddress")) {
                        List<RawS2sStream> streams = new ArrayList<>();
                        for (int i = 0; i < PER_ADDRESS + 10; i++) {
                            streams.add(run.connect("127.0.91.1").send(CaseRun.header()));
                        }
                        long refused = streams.stream()
                            .map(stream -> stream.readUntil("</stream:features>"))
                            .filter(answer -> answer.contains("<policy-violation"))
                            .count();
                        assertThat(refused).isEqualTo(10);
                        assertThat(heap.retainedMib()).isLessThan(HEAP_BOUND_MIB);
                    }
                }),
            of("pendingVerificationsOnOneStream",
                "6 `db:result`s for `tarpit.test` (its server never answers), each with another key, on one stream",
                "5 verifications started, the 6th: `policy-violation` (`limits/maxPendingVerificationsPerStream`)", run -> {
                    RawS2sStream stream = run.open();
                    for (int i = 0; i < PENDING_PER_STREAM; i++) {
                        stream.send(claim(HostilePeer.TARPIT, "k" + i));
                    }
                    Awaitility.await().until(() -> run.peer().tarpitConnections() == PENDING_PER_STREAM);
                    assertStreamError(stream.send(claim(HostilePeer.TARPIT, "k" + PENDING_PER_STREAM)), "policy-violation");
                    assertThat(run.peer().tarpitConnections()).isEqualTo(PENDING_PER_STREAM);
                }),
            of("verificationFlood", "120 unauthenticated streams (3 addresses) each claiming `tarpit.test`",
                "at most 100 verifications pending (`limits/maxPendingVerifications`); every other stream"
                    + " `db:result type='error'` + `resource-constraint`; heap bounded", run -> {
                    try (HeapWatch heap = HeapWatch.start("verificationFlood")) {
                        List<RawS2sStream> streams = new ArrayList<>();
                        for (int i = 0; i < 120; i++) {
                            RawS2sStream stream = run.connect("127.0.92." + (1 + i % 3)).send(CaseRun.header());
                            stream.streamId();
                            streams.add(stream.send(claim(HostilePeer.TARPIT)));
                        }
                        Awaitility.await().atMost(Duration.ofSeconds(25))
                            .until(() -> run.peer().tarpitConnections() + busy(streams) == 120);
                        assertThat(run.peer().tarpitConnections()).isLessThanOrEqualTo(PENDING_IN_TOTAL);
                        assertThat(heap.retainedMib()).isLessThan(HEAP_BOUND_MIB);
                    }
                }),
            of("unfinishedStanzaFlood", "40 streams each sending a start tag that never ends (480 KiB each, then past the cap)",
                "each `policy-violation` at the 512 KiB cap; heap bounded", run -> {
                    try (HeapWatch heap = HeapWatch.start("unfinishedStanzaFlood")) {
                        List<RawS2sStream> streams = new ArrayList<>();
                        String chunk = "x".repeat(60 * 1024);
                        for (int i = 0; i < 40; i++) {
                            RawS2sStream stream = run.connect("127.0.93.1").send(CaseRun.header());
                            stream.streamId();
                            streams.add(stream.send("<message a='"));
                        }
                        for (int round = 0; round < 8; round++) {
                            streams.forEach(stream -> stream.send(chunk));
                        }
                        assertThat(heap.retainedMib()).isLessThan(HEAP_BOUND_MIB);
                        streams.forEach(stream -> stream.send(chunk).send(chunk));
                        streams.forEach(stream -> assertStreamError(stream, "policy-violation"));
                    }
                }),
            of("identicalPendingVerifications", "5 identical `db:result`s (same key) for `tarpit.test` on one stream",
                "one verification started (one connection to `tarpit.test`), the 5 share its answer", run -> {
                    RawS2sStream stream = run.open();
                    for (int i = 0; i < PENDING_PER_STREAM; i++) {
                        stream.send(claim(HostilePeer.TARPIT));
                    }
                    Awaitility.await().until(() -> run.peer().tarpitConnections() == 1);
                    Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> run.peer().tarpitConnections() == 1);
                    assertThat(stream.available()).doesNotContain("</stream:stream>");
                }));
    }

    private static long busy(List<RawS2sStream> streams) {
        return streams.stream()
            .map(RawS2sStream::available)
            .filter(answer -> answer.contains("<resource-constraint xmlns='" + RawS2sStream.STREAM_ERRORS + "'/>"))
            .count();
    }
}
