package org.jamesxmpp.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.persistent.DialbackPeer;
import org.jamesxmpp.testing.CassandraKeyspaceExtension;
import org.jamesxmpp.testing.EmbeddedCassandra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Cassandra (holding the inbound duplicate claims) stopped and started while a peer keeps sending: a stanza James
 * cannot claim is answered {@code internal-server-error} (wait), never taken silently; once Cassandra is back new
 * stanzas are accepted, and the peer's resends of the refused ones bring every stanza to the mailbox exactly once.
 */
class CassandraOutageTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String PEER_HOST = "127.0.140.2";
    private static final InetSocketAddress JAMES = new InetSocketAddress("127.0.140.1", 5269);
    private static final Pattern WAIT_ERROR = Pattern.compile("(?s)<message[^>]*type=['\"]error['\"].*<error[^>]*"
        + "type=['\"]wait['\"].*internal-server-error.*");
    private static final Pattern DELIVERED_NUMBER = Pattern.compile("body of stanza-(\\d+)");
    private static final Pattern STANZA_NUMBER = Pattern.compile("stanza-(\\d+)");
    private static final Duration PACE = Duration.ofMillis(500);
    private static final ConditionFactory AWAIT = await().pollInterval(Duration.ofSeconds(1));

    @RegisterExtension
    static CassandraKeyspaceExtension cassandra = new CassandraKeyspaceExtension();

    @Test
    void stanzasShouldWaitWhileCassandraIsDownAndNoneBeLostOrDeliveredTwice(@TempDir Path workingDirectory)
        throws Exception {
        EmbeddedCassandra embedded = EmbeddedCassandra.instance();
        Logger extensionLogger = (Logger) LoggerFactory.getLogger("org.jamesxmpp");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        extensionLogger.addAppender(log);
        try (DialbackPeer peer = DialbackPeer.start("a.test", new InetSocketAddress(PEER_HOST, 5269))) {
            GuiceJamesServer server = ClusterNode.server(workingDirectory, "127.0.140.1:5269", PEER_HOST,
                ClusterNode.cassandraOf(cassandra));
            try {
                server.start();
                JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
                String bob = users.create("bob");
                DialbackPeer.StreamToJames stream = peer.openToJames(JAMES, JAMES_DOMAIN);
                Traffic traffic = new Traffic(stream, bob);
                CompletableFuture<Void> sending = CompletableFuture.runAsync(traffic::run);

                AWAIT.atMost(Duration.ofSeconds(60)).until(() -> delivered(users, bob).size() >= 5);
                embedded.stopKeepingData();
                AWAIT.atMost(Duration.ofSeconds(60)).until(() -> refused(peer).size() >= 3);
                embedded.startAgain();
                int firstAfterRestart = traffic.sent() + 1;
                AWAIT.atMost(Duration.ofSeconds(90)).until(() -> delivered(users, bob).stream()
                    .anyMatch(number -> number >= firstAfterRestart));
                traffic.stopAfter(5);
                sending.join();

                Set<Integer> sent = IntStream.rangeClosed(1, traffic.sent()).boxed().collect(Collectors.toSet());
                AWAIT.atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(2))
                    .until(() -> union(delivered(users, bob), refused(peer)).equals(sent));
                List<Integer> deliveredBeforeResend = deliveredList(users, bob);
                Set<Integer> refused = refused(peer);
                assertThat(refused).as("refused (wait) while Cassandra was down").isNotEmpty();
                assertThat(deliveredBeforeResend).as("delivered; none of them refused, none twice")
                    .doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(refused);

                // a server retries what was refused with a wait error; one already delivered is sent again too
                List<String> resends = new ArrayList<>();
                refused.forEach(number -> resends.add(stanza(number, bob)));
                resends.add(stanza(deliveredBeforeResend.get(0), bob));
                stream.send(resends.toArray(String[]::new));

                AWAIT.atMost(Duration.ofSeconds(30)).until(() -> delivered(users, bob).equals(sent));
                AWAIT.during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> deliveredList(users, bob).size() == sent.size());
                assertThat(deliveredList(users, bob)).doesNotHaveDuplicates().hasSameSizeAs(sent);
                assertOneLinePerRefusal(log, refused);
            } finally {
                if (!embedded.running()) {
                    embedded.startAgain();
                }
                server.stop();
            }
        } finally {
            extensionLogger.detachAppender(log);
        }
    }

    /** While Cassandra is down every stanza fails alike: one WARN line each, no stack trace. */
    private static void assertOneLinePerRefusal(ListAppender<ILoggingEvent> log, Set<Integer> refused) {
        List<ILoggingEvent> events;
        synchronized (log) {
            events = List.copyOf(log.list);
        }
        assertThat(events)
            .filteredOn(event -> event.getFormattedMessage().startsWith("Refused XMPP message stanza-"))
            .as("one line per refused stanza")
            .hasSize(refused.size())
            .allSatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getThrowableProxy()).isNull();
                assertThat(event.getFormattedMessage()).contains("(wait)", "NoNodeAvailableException");
            });
        assertThat(events)
            .filteredOn(event -> event.getLoggerName().contains(".inbound."))
            .as("no stack trace for a stanza")
            .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    /** One stanza every {@link #PACE} on one stream, numbered from 1, each with its own origin-id. */
    private static final class Traffic {
        private final DialbackPeer.StreamToJames stream;
        private final String recipient;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger stopAt = new AtomicInteger(Integer.MAX_VALUE);

        private Traffic(DialbackPeer.StreamToJames stream, String recipient) {
            this.stream = stream;
            this.recipient = recipient;
        }

        void run() {
            try {
                while (sent.get() < stopAt.get()) {
                    stream.send(stanza(sent.get() + 1, recipient));
                    sent.incrementAndGet();
                    Thread.sleep(PACE.toMillis());
                }
            } catch (Exception e) {
                throw new IllegalStateException("the peer's stream failed after " + sent.get() + " stanzas", e);
            }
        }

        int sent() {
            return sent.get();
        }

        void stopAfter(int more) {
            stopAt.set(sent.get() + more);
        }
    }

    private static String stanza(int number, String recipient) {
        return "<message type='normal' id='stanza-" + number + "' from='carol@a.test' to='" + recipient + "'>"
            + "<origin-id xmlns='urn:xmpp:sid:0' id='origin-" + number + "'/>"
            + "<subject>stanza-" + number + "</subject><body>body of stanza-" + number + "</body></message>";
    }

    /** Numbers of the stanzas James answered with {@code internal-server-error} of type wait. */
    private static Set<Integer> refused(DialbackPeer peer) {
        return peer.received().stream()
            .filter(message -> WAIT_ERROR.matcher(message).matches())
            .flatMap(message -> DialbackPeer.id(message).stream())
            .map(STANZA_NUMBER::matcher)
            .filter(Matcher::matches)
            .map(matcher -> Integer.parseInt(matcher.group(1)))
            .collect(Collectors.toSet());
    }

    private static Set<Integer> delivered(JamesUsers users, String bob) throws Exception {
        return Set.copyOf(deliveredList(users, bob));
    }

    private static List<Integer> deliveredList(JamesUsers users, String bob) throws Exception {
        long count;
        try (TestIMAPClient imap = users.imap(bob)) {
            count = imap.getMessageCount(TestIMAPClient.INBOX);
        }
        List<Integer> numbers = new ArrayList<>();
        try (ImapMessages messages = users.reader(bob)) {
            for (int sequence = 1; sequence <= count; sequence++) {
                Matcher matcher = DELIVERED_NUMBER.matcher(messages.text(TestIMAPClient.INBOX, sequence));
                if (matcher.find()) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return numbers;
    }

    private static Set<Integer> union(Set<Integer> first, Set<Integer> second) {
        return Stream.concat(first.stream(), second.stream()).collect(Collectors.toSet());
    }
}
