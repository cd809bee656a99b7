package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The deployment an administrator of an existing James does, step by step as the bundle's README.txt says: a stock
 * James server main ({@link StockJames.Flavour}) in its own JVM whose class path is that James only, the release
 * bundle's jars in {@code extensions-jars/}, its {@code extensions.properties} lines, its {@code xmpp.xml} (bind and
 * one route set) and its {@code mailetcontainer.xml} snippets. Then mail goes both ways between a Prosody user and a
 * James user. The tests run in order: a flavour's own tests may look at what the first ones left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DropInDeploymentContract {
    static final String JAMES_DOMAIN = "james.test";
    static final String PEER_DOMAIN = "a.test";
    static final String BOB = "bob@" + JAMES_DOMAIN;
    static final String ALICE = "alice@" + PEER_DOMAIN;
    static final String PASSWORD = "secret";
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final StockJames.Flavour flavour;
    private final String jamesAddress;
    private final String peerAddress;
    private ProsodyPeer prosody;
    private Path home;
    private int webAdminPort;
    StockJames james;
    SmackClient alice;
    int submissionPort;
    int imapPort;

    /** James's s2s listener on {@code jamesAddress}:5269, the Prosody peer on {@code peerAddress}. */
    DropInDeploymentContract(StockJames.Flavour flavour, String jamesAddress, String peerAddress) {
        this.flavour = flavour;
        this.jamesAddress = jamesAddress;
        this.peerAddress = peerAddress;
    }

    /** The flavour's own files in {@code conf} (James's sample configuration of that flavour), before the bundle. */
    abstract void configureJames(Path conf) throws Exception;

    /** What README.txt asks of this flavour beyond the bundle's files, once they are in {@code conf}. */
    void afterInstallingTheBundle(Path conf) throws Exception {
    }

    @BeforeAll
    void installTheBundleIntoStockJamesAndStartIt(@TempDir Path workingDirectory) throws Exception {
        home = workingDirectory.resolve("james");
        Path conf = Files.createDirectories(home.resolve("conf"));
        copyDirectory(resource("/dropin/conf"), conf);
        int smtpPort = StockJames.freePort();
        submissionPort = StockJames.freePort();
        imapPort = StockJames.freePort();
        bindPorts(conf.resolve("smtpserver.xml"), smtpPort, submissionPort);
        bindPorts(conf.resolve("imapserver.xml"), imapPort);
        configureJames(conf);

        ExtensionBundle bundle = ExtensionBundle.unpackInto(Files.createDirectories(workingDirectory.resolve("bundle")));
        bundle.installInto(home, xmppXml -> xmppXml
            .replace("<bind>0.0.0.0:5269</bind>", "<bind>" + jamesAddress + ":5269</bind>")
            .replace("<routes>", "<routes>\n        <route domain=\"" + PEER_DOMAIN + "\" host=\"" + peerAddress + "\" port=\"5269\"/>"));
        afterInstallingTheBundle(conf);

        prosody = ProsodyPeer.builder(PEER_DOMAIN, peerAddress)
            .resolve(JAMES_DOMAIN, jamesAddress)
            .user("alice", PASSWORD)
            .start();
        webAdminPort = StockJames.freePort();
        james = StockJames.start(flavour, home, webAdminPort);
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
    @Order(1)
    void aStanzaFromAProsodyUserShouldArriveInTheJamesUsersImapInbox() throws Exception {
        sendToBob("dropin-in-1", "Hello from Prosody", "Sent to a stock James with the bundle dropped in");

        assertThat(awaitInboxMessage(1))
            .containsPattern("(?m)^Subject: Hello from Prosody\\r?$")
            .containsPattern("(?m)^From: .*" + ALICE)
            .containsPattern("(?m)^Authentication-Results: [^;]+; x-xmpp-s2s=pass")
            .contains("Sent to a stock James with the bundle dropped in");
        assertThat(james.log()).doesNotContain("No XmlPullParserFactory").doesNotContain("ExceptionInInitializerError");
    }

    @Test
    @Order(2)
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

    void sendToBob(String id, String subject, String body) throws Exception {
        alice.send(StanzaBuilder.buildMessage(id)
            .to(JidCreate.from(BOB))
            .ofType(Message.Type.normal)
            .setSubject(subject)
            .setBody(body)
            .build());
    }

    /** Bob's INBOX message {@code sequence} over IMAP, once it is there. */
    String awaitInboxMessage(int sequence) {
        AtomicReference<String> mail = new AtomicReference<>();
        Awaitility.await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .untilAsserted(() -> {
                try (ImapMessages imap = ImapMessages.login(imapPort, BOB, PASSWORD)) {
                    mail.set(imap.text("INBOX", sequence));
                }
            });
        return mail.get();
    }

    /** James's working directory: {@code conf/}, {@code extensions-jars/}, {@code var/}. */
    Path home() {
        return home;
    }

    /** Stops James's JVM (SIGTERM, as a service manager does) and starts it again on the same working directory. */
    void restartJames() throws Exception {
        james.close();
        james = StockJames.start(flavour, home, webAdminPort);
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

    static Path resource(String directory) throws URISyntaxException {
        return Path.of(DropInDeploymentContract.class.getResource(directory).toURI());
    }

    /** Copies the files of test resource directory {@code source} into {@code target}, over files of the same name. */
    static void copyDirectory(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
