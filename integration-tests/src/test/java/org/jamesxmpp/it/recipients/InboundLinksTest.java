package org.jamesxmpp.it.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.sims.MediaSharingElement;
import org.jamesxmpp.it.ImapMessages;
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

import com.google.common.io.ByteStreams;
import com.sun.net.httpserver.HttpServer;

/**
 * A Prosody user (rcpt.test, 127.0.145.2) sends file links to a James user: the one on the allowed file server
 * (127.0.145.6, test xmpp.xml) arrives attached in IMAP, hostile ones (loopback, cloud metadata, a redirect to
 * loopback) stay links with a note saying why.
 */
class InboundLinksTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "rcpt.test";
    private static final String PEER_ADDRESS = "127.0.145.2";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static ProsodyPeer prosody;
    private static HttpServer files;
    private static final byte[] PDF = pdf();
    private static final byte[] PHOTO = "\u00ff\u00d8 JFIF the summit".getBytes(StandardCharsets.ISO_8859_1);

    @BeforeAll
    static void start() throws IOException {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(JAMES_DOMAIN, JAMES_ADDRESS)
            .user("alice", PASSWORD)
            .start();
        files = HttpServer.create(new InetSocketAddress("127.0.145.6", 0), 0);
        files.createContext("/share/report.pdf", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, PDF.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PDF);
            }
        });
        files.createContext("/share/summit.jpg", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, PHOTO.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PHOTO);
            }
        });
        files.createContext("/share/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:5269/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
        prosody.close();
    }

    private static byte[] pdf() {
        byte[] bytes = new byte[300 * 1024];
        new Random(385).nextBytes(bytes);
        System.arraycopy("%PDF-1.4\n".getBytes(), 0, bytes, 0, 9);
        return bytes;
    }

    @Test
    void allowedLinkShouldArriveAttachedAndHostileOnesShouldStayLinksWithANote(GuiceJamesServer server) throws Exception {
        JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = users.create("bob-links");
        String base = "http://127.0.145.6:" + files.getAddress().getPort();
        String loopback = "http://127.0.0.1:8095/xmpp-files/";
        String metadata = "http://169.254.169.254/latest/meta-data/";
        Message stanza = StanzaBuilder.buildMessage("links-1")
            .to(JidCreate.from(bob))
            .ofType(Message.Type.normal)
            .setSubject("Links")
            .setBody("the report and some traps")
            .addExtension(new OutOfBandDataElement(base + "/share/report.pdf", Optional.of("report")))
            .addExtension(new OutOfBandDataElement(loopback, Optional.empty()))
            .addExtension(new OutOfBandDataElement(metadata, Optional.empty()))
            .addExtension(new OutOfBandDataElement(base + "/share/moved", Optional.empty()))
            .build();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD)) {
            alice.send(stanza);

            try (TestIMAPClient imap = users.imap(bob)) {
                imap.select(TestIMAPClient.INBOX).awaitMessageCount(Awaitility.await().atMost(Duration.ofSeconds(40)), 1);
            }
        }
        try (ImapMessages reader = users.reader(bob)) {
            MimeMessage mail = reader.parsed(TestIMAPClient.INBOX, 1);
            Multipart mixed = (Multipart) mail.getContent();
            String text = (String) mixed.getBodyPart(0).getContent();
            assertThat(text)
                .contains("the report and some traps")
                .contains("[Link not attached: " + loopback + ": 127.0.0.1 is a private, loopback")
                .contains("[Link not attached: " + metadata + ": 169.254.169.254 is a private, loopback")
                .contains("[Link not attached: " + base + "/share/moved: the server answered 302 (redirects are not followed)]")
                .doesNotContain("Link not attached: " + base + "/share/report.pdf");
            assertThat(mixed.getCount()).isEqualTo(2);
            Part attachment = mixed.getBodyPart(1);
            assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(attachment.getFileName()).isEqualTo("report.pdf");
            assertThat(attachment.getContentType()).startsWith("application/pdf");
            byte[] received = ByteStreams.toByteArray(attachment.getInputStream());
            assertThat(MessageDigest.getInstance("SHA-256").digest(received))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(PDF));
        }
    }

    @Test
    void simsFileShouldArriveAttachedFromItsHttpSource(GuiceJamesServer server) throws Exception {
        JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = users.create("bob-sims");
        String url = "http://127.0.145.6:" + files.getAddress().getPort() + "/share/summit.jpg";
        Message stanza = StanzaBuilder.buildMessage("sims-1")
            .to(JidCreate.from(bob))
            .ofType(Message.Type.normal)
            .setBody("the summit")
            .addExtension(new MediaSharingElement(Optional.of("summit.jpg"), Optional.of("image/jpeg"),
                Optional.of((long) PHOTO.length), List.of("xmpp:alice@" + PEER_DOMAIN + "/phone?jingle;id=1", url)))
            .build();

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD)) {
            alice.send(stanza);

            try (TestIMAPClient imap = users.imap(bob)) {
                imap.select(TestIMAPClient.INBOX).awaitMessageCount(Awaitility.await().atMost(Duration.ofSeconds(40)), 1);
            }
        }
        try (ImapMessages reader = users.reader(bob)) {
            Multipart mixed = (Multipart) reader.parsed(TestIMAPClient.INBOX, 1).getContent();
            assertThat((String) mixed.getBodyPart(0).getContent()).contains("the summit", "summit.jpg: " + url)
                .doesNotContain("Link not attached");
            Part attachment = mixed.getBodyPart(1);
            assertThat(attachment.getFileName()).isEqualTo("summit.jpg");
            assertThat(attachment.getContentType()).startsWith("image/jpeg");
            assertThat(ByteStreams.toByteArray(attachment.getInputStream())).isEqualTo(PHOTO);
        }
    }
}
