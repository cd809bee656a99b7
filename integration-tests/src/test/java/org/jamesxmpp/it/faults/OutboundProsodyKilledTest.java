package org.jamesxmpp.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.guice.XmppProbe;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * A real Prosody killed (SIGKILL) while James sends it a burst of mails, then started again (issue 16). Prosody
 * (killed.test on 127.0.125.20, XEP-0198, its s2s input throttled by {@code mod_limits} so that the burst is still
 * under way when it dies) stores the mails in alice's offline storage; they are counted there while the burst runs,
 * and at the end by alice's client, which gets them all when she logs in. Every mail arrives; one Prosody stored
 * but whose acknowledgement the kill cut off is sent again and may arrive twice (at most the stanzas in flight).
 * James runs with the default reconnect backoff (1 s doubling up to 1 m), longer than the test mailet's retries (2 s,
 * 2 s, 4 s): a retry waits until the backoff lets the engine try Prosody again, so no retry is used up unanswered.
 */
class OutboundProsodyKilledTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "killed.test";
    private static final String PEER_ADDRESS = "127.0.125.20";
    private static final String PASSWORD = "secret";
    private static final int BURST = 40;
    /** Mails James attempts at once ({@code delivery/concurrency}): at most these are in flight when Prosody dies. */
    private static final int IN_FLIGHT_BOUND = 16;
    private static final Pattern SUBJECT = Pattern.compile("burst-(\\d+)-of-" + BURST);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private ProsodyPeer prosody;

    @AfterEach
    void tearDown() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void everyMailOfABurstShouldReachProsodyKilledMidBurstOnceItIsBack(GuiceJamesServer server) throws Exception {
        JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = users.create("bob-burst");
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .module("limits")
            .config("limits = { s2sin = { rate = \"4kb/s\", burst = \"1s\" } }")
            .start();

        try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort()).authenticate(bob, PASSWORD);
            for (int i = 0; i < BURST; i++) {
                String subject = "burst-" + i + "-of-" + BURST;
                smtp.sendMessageWithHeaders(bob, "alice@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: alice@" + PEER_DOMAIN
                    + "\r\nMessage-ID: <" + subject + "@james.test>\r\nSubject: " + subject + "\r\n\r\nmail " + i + "\r\n");
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> storedAtProsody().size() >= 5);
        prosody.kill();
        Set<Integer> storedBeforeTheKill = storedAtProsody();
        System.out.printf("OutboundProsodyKilledTest: Prosody killed with %d of %d mails in its offline storage%n",
            storedBeforeTheKill.size(), BURST);
        assertThat(storedBeforeTheKill).as("killed mid-burst").hasSizeLessThan(BURST);
        Thread.sleep(1_000);
        prosody.restart();

        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> storedAtProsody().size() == BURST);
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD)) {
            alice.awaitMessages(message -> subjectNumber(message) >= 0, BURST, Duration.ofSeconds(30));
            Thread.sleep(1_000);
            Map<Integer, Long> copies = alice.received().stream()
                .map(OutboundProsodyKilledTest::subjectNumber)
                .filter(number -> number >= 0)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long duplicates = copies.values().stream().mapToLong(count -> count - 1).sum();
            System.out.printf("OutboundProsodyKilledTest: alice got %d distinct mails of %d, %d second copies%n",
                copies.size(), BURST, duplicates);
            assertThat(copies.keySet()).as("nothing lost")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, BURST).boxed().toList());
            assertThat(duplicates).as("copies sent again: only stanzas whose acknowledgement the kill cut off")
                .isLessThanOrEqualTo(IN_FLIGHT_BOUND);
        }
        try (TestIMAPClient imap = users.imap(bob)) {
            assertThat(imap.select(TestIMAPClient.INBOX).getMessageCount(TestIMAPClient.INBOX)).as("no DSN").isZero();
        }
        assertThat(server.getProbe(XmppProbe.class).s2sServer().outgoingStreams()).as("one stream at most, none leaked")
            .hasSizeLessThanOrEqualTo(1);
    }

    private static int subjectNumber(Message message) {
        if (message.getSubject() == null) {
            return -1;
        }
        Matcher matcher = SUBJECT.matcher(message.getSubject());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** The mails in Prosody's offline storage (its data files), by number. */
    private Set<Integer> storedAtProsody() {
        try (Stream<Path> files = Files.walk(prosody.directory().resolve("data"))) {
            return files.filter(Files::isRegularFile)
                .flatMap(file -> {
                    try {
                        return SUBJECT.matcher(Files.readString(file, StandardCharsets.ISO_8859_1)).results();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(result -> Integer.parseInt(result.group(1)))
                .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
