package org.jamesxmpp.benchmarks.throughput;

import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.JAMES_DOMAIN;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.PASSWORD;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.PEER_DOMAIN;
import static org.jamesxmpp.benchmarks.throughput.InboundThroughput.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Latency at a fixed rate, same James process, same ~4 KiB content, each path on its own: inbound, a stanza from
 * the peer (one s2s stream, XEP-0198) vs a mail on SMTP port 25, until an IMAP client idling on the recipient's
 * INBOX sees it; outbound, a mail relayed from loopback over SMTP until the stanza is at the XMPP peer (with and
 * without XEP-0198) vs until RemoteDelivery handed it to an SMTP sink. Times run from each message's scheduled send.
 * <pre>java ... Latency REPOSITORY [RATE] [COUNT] [run command options, e.g. --memory]</pre>
 * The last line is the ratio of the p99s: {@code latency outbound xmpp/smtp = R (xmpp p99 X ms, smtp p99 S ms, n=N)}.
 */
public final class Latency {
    // 127.0.162.x: the latency harness's own addresses (the throughput harnesses use 127.0.0.60-63)
    private static final String JAMES_ADDRESS = "127.0.162.1";
    private static final String PEER_ADDRESS = "127.0.162.2";
    private static final String PLAIN_PEER_DOMAIN = "plain.test";
    private static final String PLAIN_PEER_ADDRESS = "127.0.162.3";
    private static final String SINK_ADDRESS = "127.0.162.4";
    private static final int SINK_PORT = 2525;
    private static final int SMTP_SESSIONS = 4;
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofMinutes(5);

    private final RunCommandServer james;
    private final int rate;
    private final int count;
    private final String body;

    private Latency(RunCommandServer james, int rate, int count, String body) {
        this.james = james;
        this.rate = rate;
        this.count = count;
        this.body = body;
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<String> runArguments = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        String body = Content.body4k();
        Path directory = Files.createTempDirectory("latency");
        try (SmtpSink sink = new SmtpSink(SINK_ADDRESS, SINK_PORT);
             XmppPeer peer = new XmppPeer(PEER_DOMAIN, PEER_ADDRESS, JAMES_DOMAIN, JAMES_ADDRESS, true);
             XmppPeer plainPeer = new XmppPeer(PLAIN_PEER_DOMAIN, PLAIN_PEER_ADDRESS, JAMES_DOMAIN, JAMES_ADDRESS, false);
             RunCommandServer james = RunCommandServer.start(repository, directory, JAMES_ADDRESS,
                 List.of(new RunCommandServer.Route(PEER_DOMAIN, PEER_ADDRESS), new RunCommandServer.Route(PLAIN_PEER_DOMAIN, PLAIN_PEER_ADDRESS)),
                 new RunCommandServer.Gateway(SINK_ADDRESS, SINK_PORT), runArguments)) {
            Latency latency = new Latency(james, rate, count, body);
            james.put("/domains/" + JAMES_DOMAIN, "");
            for (String user : List.of("smtp-in", "xmpp-in", "warm")) {
                james.put("/users/" + user + "@" + JAMES_DOMAIN, "{\"password\":\"" + PASSWORD + "\"}");
            }
            latency.warmUp(peer, sink, plainPeer);

            LatencyFigures smtpIn = latency.inbound("smtp-in", i -> "SMTP " + i,
                subject -> SmtpLoad.sendAtRate(james.smtpPort, SMTP_SESSIONS, rate, count, "alice@" + PEER_DOMAIN,
                    i -> "smtp-in@" + JAMES_DOMAIN, i -> Content.mail("alice@" + PEER_DOMAIN, "smtp-in@" + JAMES_DOMAIN, subject.apply(i), body)));
            LatencyFigures xmppIn = latency.inbound("xmpp-in", i -> "XMPP " + i,
                subject -> peer.sendAtRate(rate, count, i -> message("xmpp-in@" + JAMES_DOMAIN, subject.apply(i), body)));
            LatencyFigures smtpOut = latency.outbound("dave@sink.test", i -> "Sink " + i, sink.arrivals());
            LatencyFigures xmppOut = latency.outbound("alice@" + PEER_DOMAIN, i -> "Peer " + i, peer.arrivals());
            LatencyFigures plainOut = latency.outbound("carol@" + PLAIN_PEER_DOMAIN, i -> "Plain " + i, plainPeer.arrivals());

            System.out.println(smtpIn.describe("inbound smtp -> IMAP", rate));
            System.out.println(xmppIn.describe("inbound xmpp -> IMAP", rate));
            System.out.println(smtpOut.describe("outbound smtp -> SMTP sink", rate));
            System.out.println(xmppOut.describe("outbound smtp -> xmpp peer", rate));
            System.out.println(plainOut.describe("outbound smtp -> xmpp peer without XEP-0198", rate));
            System.out.println(LatencyFigures.ratioLine("inbound xmpp/smtp", xmppIn, smtpIn));
            System.out.println(LatencyFigures.ratioLine("outbound xmpp-without-xep0198/smtp", plainOut, smtpOut));
            System.out.println(LatencyFigures.ratioLine("outbound xmpp/smtp", xmppOut, smtpOut));
        }
    }

    private interface Sender {
        long[] send(IntFunction<String> subject) throws Exception;
    }

    /** Both streams and both SMTP paths exist before timing. */
    private void warmUp(XmppPeer peer, SmtpSink sink, XmppPeer plainPeer) throws Exception {
        String user = "warm@" + JAMES_DOMAIN;
        SmtpLoad.send(james.smtpPort, 1, 1, "alice@" + PEER_DOMAIN, i -> user, i -> Content.mail("alice@" + PEER_DOMAIN, user, "warm", body));
        peer.sendAll(1, i -> message(user, "warm", body));
        ImapCounter.await(james.imapPort, user, PASSWORD, 2, Duration.ofMinutes(2));
        outbound("dave@sink.test", i -> "warm", sink.arrivals(), 1);
        outbound("alice@" + PEER_DOMAIN, i -> "warm", peer.arrivals(), 1);
        outbound("carol@" + PLAIN_PEER_DOMAIN, i -> "warm", plainPeer.arrivals(), 1);
    }

    private LatencyFigures inbound(String user, IntFunction<String> subject, Sender sender) throws Exception {
        try (ImapIdleWatcher watcher = ImapIdleWatcher.watch(james.imapPort, user + "@" + JAMES_DOMAIN, PASSWORD)) {
            long[] sent = sender.send(subject);
            return LatencyFigures.of("to " + user, sent, subject, watcher.awaitVisible(count, ARRIVAL_TIMEOUT));
        }
    }

    private LatencyFigures outbound(String recipient, IntFunction<String> subject, Arrivals arrivals) throws Exception {
        return outbound(recipient, subject, arrivals, count);
    }

    private LatencyFigures outbound(String recipient, IntFunction<String> subject, Arrivals arrivals, int mails) throws Exception {
        String sender = "bob@" + JAMES_DOMAIN;
        long[] sent = SmtpLoad.sendAtRate(james.smtpPort, SMTP_SESSIONS, rate, mails, sender, i -> recipient,
            i -> Content.mail(sender, recipient, subject.apply(i), body));
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (!allArrived(arrivals, subject, mails) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // a second copy would come soon after the first
        Thread.sleep(300);
        return LatencyFigures.of("to " + recipient, sent, subject, arrivals);
    }

    private static boolean allArrived(Arrivals arrivals, IntFunction<String> subject, int mails) {
        for (int i = 0; i < mails; i++) {
            if (arrivals.at(subject.apply(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
