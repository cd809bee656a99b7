package org.jamesxmpp.benchmarks.throughput;

import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.JAMES_ADDRESS;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.JAMES_DOMAIN;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.PEER_ADDRESS;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.PEER_DOMAIN;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.line;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.rate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Outbound, same James process: N mails of about 4 KiB relayed from loopback over SMTP port 25 (8 sessions) to
 * (a) a user of an XMPP peer with XEP-0198, (b) a user of an XMPP peer without it (as ejabberd 23.01 is on s2s),
 * (c) a user of an SMTP-only domain through RemoteDelivery to an SMTP sink; msg/s until the last one arrived.
 * <pre>java ... OutboundThroughput REPOSITORY [COUNT] [run command options]</pre>
 * The last line is the ratio: {@code outbound xmpp/smtp = R (xmpp X msg/s, smtp S msg/s, n=N)}.
 */
public final class OutboundThroughput {
    private static final String PLAIN_PEER_DOMAIN = "plain.test";
    private static final String PLAIN_PEER_ADDRESS = "127.0.0.63";
    private static final String SINK_ADDRESS = "127.0.0.62";
    private static final int SINK_PORT = 2525;
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofMinutes(15);

    private OutboundThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> runArguments = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        String body = Content.body4k();
        Path directory = Files.createTempDirectory("outbound-throughput");
        try (SmtpSink sink = new SmtpSink(SINK_ADDRESS, SINK_PORT);
             XmppPeer peer = new XmppPeer(PEER_DOMAIN, PEER_ADDRESS, JAMES_DOMAIN, JAMES_ADDRESS, true);
             XmppPeer plainPeer = new XmppPeer(PLAIN_PEER_DOMAIN, PLAIN_PEER_ADDRESS, JAMES_DOMAIN, JAMES_ADDRESS, false);
             RunCommandServer james = RunCommandServer.start(repository, directory, JAMES_ADDRESS,
                 List.of(new RunCommandServer.Route(PEER_DOMAIN, PEER_ADDRESS), new RunCommandServer.Route(PLAIN_PEER_DOMAIN, PLAIN_PEER_ADDRESS)),
                 new RunCommandServer.Gateway(SINK_ADDRESS, SINK_PORT), runArguments)) {
            james.put("/domains/" + JAMES_DOMAIN, "");
            String sender = "bob@" + JAMES_DOMAIN;

            relay(james, 1, "dave@sink.test", body, sink::received, 1);
            relay(james, 1, "alice@" + PEER_DOMAIN, body, peer::received, 1);
            relay(james, 1, "carol@" + PLAIN_PEER_DOMAIN, body, plainPeer::received, 1);

            double smtp = relay(james, count, "dave@sink.test", body, sink::received, 1 + count);
            double xmpp = relay(james, count, "alice@" + PEER_DOMAIN, body, peer::received, 1 + count);
            double plain = relay(james, count, "carol@" + PLAIN_PEER_DOMAIN, body, plainPeer::received, 1 + count);

            System.out.println(line("outbound xmpp-without-xep0198/smtp", plain, smtp, count));
            System.out.println(line("outbound xmpp/smtp", xmpp, smtp, count));
        }
    }

    private static double relay(RunCommandServer james, int count, String recipient, String body, IntSupplier arrived,
                                int expectedTotal) throws Exception {
        long start = System.nanoTime();
        int accepted = SmtpLoad.send(james.smtpPort, Math.min(8, count), count, "bob@" + JAMES_DOMAIN, i -> recipient,
            i -> Content.mail("bob@" + JAMES_DOMAIN, recipient, "Load " + i, body));
        InboundThroughput.check(accepted, count, "SMTP accepted for " + recipient);
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (arrived.getAsInt() < expectedTotal) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(recipient + ": " + arrived.getAsInt() + " of " + expectedTotal + " arrived");
            }
            Thread.sleep(20);
        }
        double rate = rate(count, start);
        Thread.sleep(500);
        InboundThroughput.check(arrived.getAsInt(), expectedTotal, "arrived for " + recipient + " (duplicates?)");
        return rate;
    }
}
