package org.jamesxmpp.it.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import javax.activation.DataHandler;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attachments over the inline limit reach a Prosody user (rcpt.test, 127.0.145.2) as XEP-0066 and XEP-0447 links to
 * James's attachment server (127.0.145.3:8095, test xmpp.xml); the XMPP side downloads exactly the attached bytes.
 */
class AttachmentLinksTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String JAMES_ADDRESS = "127.0.0.3";
    private static final String PEER_DOMAIN = "rcpt.test";
    private static final String PEER_ADDRESS = "127.0.145.2";
    private static final String PASSWORD = "secret";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] pdf(int size) {
        byte[] header = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = randomBytes(size, 300);
        System.arraycopy(header, 0, bytes, 0, header.length);
        byte[] trailer = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(trailer, 0, bytes, size - trailer.length, trailer.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String mail(String from, String to, String subject, List<MimeBodyPart> attachments) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(javax.mail.Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        MimeMultipart multipart = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The files, as promised", "UTF-8");
        multipart.addBodyPart(text);
        for (MimeBodyPart attachment : attachments) {
            multipart.addBodyPart(attachment);
        }
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static MimeBodyPart attachment(byte[] content, String type, String fileName) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(fileName);
        return part;
    }

    private static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPdfAndALargeFileShouldBeDownloadedByTheXmppSideWithIdenticalHashes(GuiceJamesServer server) throws Exception {
        JamesUsers users = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain();
        String bob = users.create("bob-files");
        byte[] pdf = pdf(300 * 1024);
        byte[] large = randomBytes(20 * 1024 * 1024, 20);
        String mail = mail(bob, "alice@" + PEER_DOMAIN, "Files for you", List.of(
            attachment(pdf, "application/pdf", "Quarterly report é.pdf"),
            attachment(large, "application/octet-stream", "dataset.bin")));

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
             SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of("alice@" + PEER_DOMAIN), mail);

            Message received = alice.awaitMessages(m -> "Files for you".equals(m.getSubject()), 1, WAIT).get(0);

            List<FileSharingElement> files = FileSharingElement.from(received);
            assertThat(files).extracting(FileSharingElement::name).containsExactly("Quarterly report é.pdf", "dataset.bin");
            assertThat(files).extracting(FileSharingElement::mediaType).containsExactly("application/pdf", "application/octet-stream");
            assertThat(files).extracting(FileSharingElement::size).containsExactly((long) pdf.length, (long) large.length);
            assertThat(files).extracting(FileSharingElement::sha256Base64).containsExactly(sha256(pdf), sha256(large));
            assertThat(OutOfBandDataElement.from(received)).extracting(OutOfBandDataElement::getUrl)
                .containsExactlyElementsOf(files.stream().map(FileSharingElement::url).toList());
            assertThat(received.getBody()).contains("The files, as promised").contains(files.get(0).url());

            HttpResponse<byte[]> pdfResponse = get(files.get(0).url());
            assertThat(pdfResponse.statusCode()).isEqualTo(200);
            assertThat(sha256(pdfResponse.body())).isEqualTo(sha256(pdf));
            assertThat(pdfResponse.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(pdfResponse.headers().firstValueAsLong("Content-Length")).hasValue(pdf.length);
            assertThat(pdfResponse.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;").contains("filename*=UTF-8''Quarterly%20report%20%C3%A9.pdf");

            HttpResponse<byte[]> largeResponse = get(files.get(1).url());
            assertThat(largeResponse.statusCode()).isEqualTo(200);
            assertThat(largeResponse.body()).hasSize(large.length);
            assertThat(sha256(largeResponse.body())).isEqualTo(sha256(large));

            HttpResponse<byte[]> range = get(files.get(1).url(), "Range", "bytes=1000-1999");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + large.length);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(large, 1000, 2000));
        }
    }

    @Test
    void aLinkWhoseTokenIsNotOneWeIssuedShouldBeNotFound() throws Exception {
        assertThat(get("http://127.0.145.3:8095/xmpp-files/" + "A".repeat(43) + "/dataset.bin").statusCode()).isEqualTo(404);
        assertThat(get("http://127.0.145.3:8095/xmpp-files/../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("http://127.0.145.3:8095/").statusCode()).isEqualTo(404);
    }
}
