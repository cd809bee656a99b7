package org.jamesxmpp.benchmarks.throughput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Inbound, same James process, same content: N messages of about 4 KiB accepted over XMPP (one s2s stream with
 * XEP-0198 from our engine as the peer) against N mails over SMTP port 25 (8 sessions, connections reused), each
 * into its own empty INBOX; then until every message is visible over IMAP. Every message is counted at both ends.
 * <pre>java ... InboundThroughput REPOSITORY [COUNT] [run command options, e.g. --memory]</pre>
 * The last line is the ratio: {@code inbound xmpp/smtp = R (xmpp X msg/s, smtp S msg/s, n=N)}.
 */
public final class InboundThroughput {
    static final String JAMES_DOMAIN = "james.test";
    // addresses of their own: the integration tests use 127.0.0.2 to 127.0.0.5
    static final String JAMES_ADDRESS = "127.0.0.61";
    static final String PEER_DOMAIN = "peer.test";
    static final String PEER_ADDRESS = "127.0.0.60";
    static final String PASSWORD = "secret";
    private static final int SMTP_SESSIONS = 8;
    private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(15);

    private InboundThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        List<String> runArguments = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        String body = Content.body4k();
        Path directory = Files.createTempDirectory("inbound-throughput");
        try (RunCommandServer james = RunCommandServer.start(repository, directory, JAMES_ADDRESS, PEER_DOMAIN, PEER_ADDRESS, runArguments);
             XmppPeer peer = new XmppPeer(PEER_DOMAIN, PEER_ADDRESS, JAMES_DOMAIN, JAMES_ADDRESS, true)) {
            james.put("/domains/" + JAMES_DOMAIN, "");
            String smtpUser = "smtp-in@" + JAMES_DOMAIN;
            String xmppUser = "xmpp-in@" + JAMES_DOMAIN;
            for (String user : List.of(smtpUser, xmppUser)) {
                james.put("/users/" + user, "{\"password\":\"" + PASSWORD + "\"}");
            }
            warmUp(james, peer, body);

            long smtpStart = System.nanoTime();
            int accepted = SmtpLoad.send(james.smtpPort, SMTP_SESSIONS, count, "alice@" + PEER_DOMAIN, i -> smtpUser,
                i -> Content.mail("alice@" + PEER_DOMAIN, smtpUser, "SMTP " + i, body));
            double smtpAccept = rate(count, smtpStart);
            ImapCounter.await(james.imapPort, smtpUser, PASSWORD, count, VISIBLE_TIMEOUT);
            double smtpVisible = rate(count, smtpStart);
            check(accepted, count, "SMTP accepted");

            long xmppStart = System.nanoTime();
            peer.sendAll(count, i -> message(xmppUser, "XMPP " + i, body));
            double xmppAccept = rate(count, xmppStart);
            ImapCounter.await(james.imapPort, xmppUser, PASSWORD, count, VISIBLE_TIMEOUT);
            double xmppVisible = rate(count, xmppStart);

            System.out.println(line("inbound visible over IMAP xmpp/smtp", xmppVisible, smtpVisible, count));
            System.out.println(line("inbound xmpp/smtp", xmppAccept, smtpAccept, count));
        }
    }

    /** One message each way first, so that the XMPP stream and the SMTP code paths exist before timing. */
    private static void warmUp(RunCommandServer james, XmppPeer peer, String body) throws Exception {
        String user = "warm@" + JAMES_DOMAIN;
        james.put("/users/" + user, "{\"password\":\"" + PASSWORD + "\"}");
        SmtpLoad.send(james.smtpPort, 1, 1, "alice@" + PEER_DOMAIN, i -> user, i -> Content.mail("alice@" + PEER_DOMAIN, user, "warm", body));
        peer.sendAll(1, i -> message(user, "warm", body));
        ImapCounter.await(james.imapPort, user, PASSWORD, 2, Duration.ofMinutes(2));
    }

    static Message message(String to, String subject, String body) {
        return StanzaBuilder.buildMessage()
            .from(JidCreate.fromOrThrowUnchecked("alice@" + PEER_DOMAIN + "/load"))
            .to(JidCreate.fromOrThrowUnchecked(to))
            .ofType(Message.Type.normal)
            .setSubject(subject)
            .setBody(body)
            .build();
    }

    static double rate(int count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }

    static void check(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": " + actual + " of " + expected);
        }
    }

    static String line(String name, double xmpp, double smtp, int count) {
        return String.format(Locale.ROOT, "%s = %.2f (xmpp %.0f msg/s, smtp %.0f msg/s, n=%d)", name, xmpp / smtp, xmpp, smtp, count);
    }
}
