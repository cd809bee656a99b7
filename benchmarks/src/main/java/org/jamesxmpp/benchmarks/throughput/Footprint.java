package org.jamesxmpp.benchmarks.throughput;

import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.JAMES_DOMAIN;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.jamesxmpp.testing.IdleS2sStreams;

/**
 * Footprint of the run command's JVM, heap in use after a full GC and live threads: started, then with a few and
 * with N idle inbound s2s streams (opened up to the stream features, as S2sFootprintTest does, from 127.0.160.x
 * since the listener takes at most {@value #PER_SOURCE_ADDRESS} per address), then, those closed, with a few and N
 * idle SMTP connections (after EHLO) to James's port 25. Every stream and connection must still be open when
 * measured. What the connections after the first few add is theirs (the first start event loops and pools).
 * <pre>java ... Footprint REPOSITORY [STREAMS] [run command options, e.g. --memory]</pre>
 * The last line is the ratio of the heap the connections after the first few added:
 * {@code footprint xmpp/smtp = R (xmpp X MiB, smtp S MiB, n=N - few)}.
 */
public final class Footprint {
    // 127.0.160.x-169.x: the footprint harness's own addresses
    private static final String JAMES_ADDRESS = "127.0.161.1";
    /** The default of limits/maxConnectionsPerAddress in xmpp.xml. */
    private static final int PER_SOURCE_ADDRESS = 50;

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<String> runArguments = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        List<String> sources = IntStream.range(0, (count + PER_SOURCE_ADDRESS - 1) / PER_SOURCE_ADDRESS)
            .mapToObj(i -> "127.0." + (160 + i / 250) + "." + (1 + i % 250))
            .toList();
        Path directory = Files.createTempDirectory("footprint");
        try (RunCommandServer james = RunCommandServer.start(repository, directory, JAMES_ADDRESS, List.of(), null, runArguments)) {
            james.put("/domains/" + JAMES_DOMAIN, "");
            JvmFootprint started = JvmFootprint.of(james.pid());
            // a few first: the event loops and pools that start with the first connections are not per stream
            int few = sources.size();

            JvmFootprint fewStreams;
            JvmFootprint allStreams;
            try (IdleS2sStreams streams = new IdleS2sStreams(new InetSocketAddress(JAMES_ADDRESS, 5269), JAMES_DOMAIN, sources)) {
                streams.open(few);
                fewStreams = JvmFootprint.of(james.pid());
                streams.open(count - few);
                allStreams = JvmFootprint.of(james.pid());
                InboundThroughput.check((int) streams.stillOpen(), count, "s2s streams still open");
            }
            JvmFootprint fewSmtp;
            JvmFootprint allSmtp;
            try (IdleSmtpConnections smtp = new IdleSmtpConnections()) {
                smtp.open(james.smtpPort, few);
                fewSmtp = JvmFootprint.of(james.pid());
                smtp.open(james.smtpPort, count - few);
                allSmtp = JvmFootprint.of(james.pid());
                InboundThroughput.check(smtp.answering(), count, "SMTP connections still answering");
            }

            System.out.println(describe("started", started, started));
            System.out.println(describe(few + " idle inbound s2s streams", fewStreams, started));
            System.out.println(describe(count + " idle inbound s2s streams", allStreams, fewStreams));
            System.out.println(describe(few + " idle SMTP connections", fewSmtp, allStreams));
            System.out.println(describe(count + " idle SMTP connections", allSmtp, fewSmtp));
            double xmpp = allStreams.heapMiB() - fewStreams.heapMiB();
            double smtp = allSmtp.heapMiB() - fewSmtp.heapMiB();
            System.out.println(String.format(Locale.ROOT, "footprint xmpp/smtp = %.2f (xmpp %.1f MiB, smtp %.1f MiB, n=%d)",
                xmpp / smtp, xmpp, smtp, count - few));
        }
    }

    private static String describe(String state, JvmFootprint footprint, JvmFootprint before) {
        return String.format(Locale.ROOT, "footprint %s: heap %.1f MiB after GC (%+.1f), %d threads (%+d)", state,
            footprint.heapMiB(), footprint.heapMiB() - before.heapMiB(), footprint.threads(), footprint.threads() - before.threads());
    }
}
