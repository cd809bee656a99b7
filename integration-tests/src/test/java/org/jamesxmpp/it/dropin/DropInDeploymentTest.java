package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.james.util.Port;
import org.apache.james.utils.SMTPMessageSender;
import org.awaitility.Awaitility;
import org.jamesxmpp.it.ImapMessages;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The deployment an administrator of an existing James does, step by step as the bundle's README.txt says: James's
 * stock {@code MemoryJamesServerMain} in its own JVM whose class path is stock James only, the release bundle's jars
 * in {@code extensions-jars/}, its {@code extensions.properties} lines, its {@code xmpp.xml} (bind and one route set)
 * and its {@code mailetcontainer.xml} snippets. Then mail goes both ways between a Prosody user and a James user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DropInDeploymentTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.4";
    private static final String PEER_DOMAIN = "a.test";
    private static final String PEER_ADDRESS = "127.0.0.2";
    private static final String BOB = "bob@" + JAMES_DOMAIN;
    private static final String ALICE = "alice@" + PEER_DOMAIN;
    private static final String PASSWORD = "secret";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private ProsodyPeer prosody;
    private StockJames james;
    private SmackClient alice;
    private int submissionPort;
    private int imapPort;

    @BeforeAll
    void installTheBundleIntoStockJamesAndStartIt(@TempDir Path workingDirectory) throws Exception {
        Path home = workingDirectory.resolve("james");
        Path conf = Files.createDirectories(home.resolve("conf"));
        copyDirectory(Path.of(getClass().getResource("/dropin/conf").toURI()), conf);
        int smtpPort = StockJames.freePort();
        submissionPort = StockJames.freePort();
        imapPort = StockJames.freePort();
        bindPorts(conf.resolve("smtpserver.xml"), smtpPort, submissionPort);
        bindPorts(conf.resolve("imapserver.xml"), imapPort);

        ExtensionBundle bundle = ExtensionBundle.unpackInto(Files.createDirectories(workingDirectory.resolve("bundle")));
        bundle.installInto(home, xmppXml -> xmppXml
            .replace("<bind>0.0.0.0:5269</bind>", "<bind>" + JAMES_ADDRESS + ":5269</bind>")
            .replace("<routes>", "<routes>\n        <route domain=\"" + PEER_DOMAIN + "\" host=\"" + PEER_ADDRESS + "\" port=\"5269\"/>"));

        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .start();
        james = StockJames.start(home, StockJames.freePort());
        assertThat(james.put("/domains/" + JAMES_DOMAIN, "")).isEqualTo(204);
        assertThat(james.put("/users/" + BOB, "{\"password\":\"" + PASSWORD + "\"}")).isEqualTo(204);
        alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (james != null) {
            james.close();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void aStanzaFromAProsodyUserShouldArriveInTheJamesUsersImapInbox() throws Exception {
        alice.send(StanzaBuilder.buildMessage("dropin-in-1")
            .to(JidCreate.from(BOB))
            .ofType(Message.Type.normal)
            .setSubject("Hello from Prosody")
            .setBody("Sent to a stock James with the bundle dropped in")
            .build());

        AtomicReference<String> mail = new AtomicReference<>();
        Awaitility.await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .untilAsserted(() -> {
                try (ImapMessages imap = ImapMessages.login(imapPort, BOB, PASSWORD)) {
                    mail.set(imap.text("INBOX", 1));
                }
            });

        assertThat(mail.get())
            .containsPattern("(?m)^Subject: Hello from Prosody\\r?$")
            .containsPattern("(?m)^From: .*" + ALICE)
            .containsPattern("(?m)^Authentication-Results: [^;]+; x-xmpp-s2s=pass")
            .contains("Sent to a stock James with the bundle dropped in");
        assertThat(james.log()).doesNotContain("No XmlPullParserFactory").doesNotContain("ExceptionInInitializerError");
    }

    @Test
    void aMailSubmittedOverSmtpShouldReachTheProsodyUsersXmppClient() throws Exception {
        try (SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", Port.of(submissionPort))
                .authenticate(BOB, PASSWORD)
                .sendMessageWithHeaders(BOB, List.of(ALICE), "From: " + BOB + "\r\nTo: " + ALICE + "\r\n"
                    + "Subject: Hello from stock James\r\n\r\nSent through the drop-in bundle\r\n");
        }

        List<Message> received = alice.awaitMessages(m -> "Hello from stock James".equals(m.getSubject()), 1, DELIVERY_TIMEOUT);

        assertThat(received.get(0).getFrom().asBareJid().toString()).isEqualTo(BOB);
        assertThat(received.get(0).getBody()).contains("Sent through the drop-in bundle");
        assertThat(james.log()).doesNotContain("No XmlPullParserFactory").doesNotContain("ExceptionInInitializerError");
    }

    /** The n-th {@code 127.0.0.1:0} bind of {@code file} gets the n-th port. */
    private static void bindPorts(Path file, int... ports) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        for (int port : ports) {
            int at = xml.indexOf("<bind>127.0.0.1:0</bind>");
            if (at < 0) {
                throw new IllegalStateException(file + " has fewer than " + ports.length + " binds to 127.0.0.1:0");
            }
            xml = xml.substring(0, at) + "<bind>127.0.0.1:" + port + "</bind>" + xml.substring(at + "<bind>127.0.0.1:0</bind>".length());
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static void copyDirectory(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
