package org.jamesxmpp.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Soak through a real Prosody (issue 16): {@value #PROPERTY} messages each way (default {@value #DEFAULT_MESSAGES},
 * the CI size; the full size is 20000) between bob on James and alice on Prosody (soak.test, 127.0.125.30). Each
 * message is counted at the receiving end, by its number: alice's client for mail, bob's INBOX (IMAP) for chats;
 * none lost, none twice. Heap, threads and file descriptors of this JVM (James and the test) before and after are
 * printed.
 */
class SoakThroughProsodyTest {
    private static final String PROPERTY = "jamesxmpp.soak.messages";
    private static final int DEFAULT_MESSAGES = 2_000;
    private static final int MESSAGES = Integer.getInteger(PROPERTY, DEFAULT_MESSAGES);
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "soak.test";
    private static final String PEER_ADDRESS = "127.0.125.30";
    private static final String PASSWORD = "secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(60 + MESSAGES / 10);
    private static final Pattern OUTBOUND = Pattern.compile("out-(\\d+)");
    private static final Pattern INBOUND = Pattern.compile("Subject: in-(\\d+)");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static ProsodyPeer prosody;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopProsody() {
        prosody.close();
    }

    @Test
    void everyMessageEachWayShouldArriveOnce(GuiceJamesServer server) throws Exception {
        JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = users.create("bob-soak");
        Footprint before = Footprint.now();
        long start = System.nanoTime();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD)) {
            try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
                smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort()).authenticate(bob, PASSWORD);
                for (int i = 0; i < MESSAGES; i++) {
                    smtp.sendMessageWithHeaders(bob, "alice@" + PEER_DOMAIN, "From: " + bob + "\r\nTo: alice@" + PEER_DOMAIN
                        + "\r\nSubject: out-" + i + "\r\n\r\nsoak " + i + "\r\n");
                }
            }
            for (int i = 0; i < MESSAGES; i++) {
                alice.send(StanzaBuilder.buildMessage("in-" + i)
                    .to(JidCreate.from(bob))
                    .ofType(Message.Type.normal)
                    .setSubject("in-" + i)
                    .setBody("soak " + i)
                    .build());
            }

            alice.awaitMessages(message -> number(OUTBOUND, message.getSubject()) >= 0, MESSAGES, TIMEOUT);
            try (TestIMAPClient imap = users.imap(bob)) {
                imap.select(TestIMAPClient.INBOX);
                Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> imap.getMessageCount(TestIMAPClient.INBOX) >= MESSAGES);
                Thread.sleep(2_000);
                Map<Integer, Long> inbound = INBOUND.matcher(imap.sendCommand("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                    .results()
                    .map(result -> Integer.parseInt(result.group(1)))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                Map<Integer, Long> outbound = alice.received().stream()
                    .map(message -> number(OUTBOUND, message.getSubject()))
                    .filter(number -> number >= 0)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                Footprint after = Footprint.now();
                System.out.printf("SoakThroughProsodyTest: %d each way in %d s; mail to XMPP: %d distinct, %d twice;"
                        + " XMPP to mail: %d distinct, %d twice; heap %d -> %d MiB (max %d MiB), threads %d -> %d,"
                        + " fds %d -> %d%n", MESSAGES, took.toSeconds(), outbound.size(), twice(outbound), inbound.size(),
                    twice(inbound), before.heapMiB(), after.heapMiB(), Runtime.getRuntime().maxMemory() >> 20,
                    before.threads(), after.threads(), before.fileDescriptors(), after.fileDescriptors());
                assertThat(outbound.keySet()).as("mail to XMPP, none lost")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, MESSAGES).boxed().toList());
                assertThat(twice(outbound)).as("mail to XMPP, none twice").isZero();
                assertThat(inbound.keySet()).as("XMPP to mail, none lost")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, MESSAGES).boxed().toList());
                assertThat(twice(inbound)).as("XMPP to mail, none twice").isZero();
            }
        }
    }

    private static long twice(Map<Integer, Long> copies) {
        return copies.values().stream().mapToLong(count -> count - 1).sum();
    }

    private static int number(Pattern pattern, String text) {
        if (text == null) {
            return -1;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private record Footprint(long heapMiB, int threads, long fileDescriptors) {
        static Footprint now() throws IOException {
            System.gc();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return new Footprint(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                    ManagementFactory.getThreadMXBean().getThreadCount(), fds.count());
            }
        }
    }
}
