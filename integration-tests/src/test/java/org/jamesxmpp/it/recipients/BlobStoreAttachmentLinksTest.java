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
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import javax.activation.DataHandler;
import javax.inject.Inject;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.SMTPMessageSender;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.listener.attachments.BlobStoreAttachments;
import org.jamesxmpp.listener.configuration.AttachmentsConfiguration;
import org.jamesxmpp.listener.configuration.HostPort;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

import reactor.core.publisher.Flux;

/**
 * {@code attachments/store} {@code blobstore} on James's memory server: the attachment over the inline limit is kept
 * in the blob store James binds (bucket {@value BlobStoreAttachments#BUCKET}) and the Prosody user (rcpt.test,
 * 127.0.145.2) downloads exactly its bytes from James's attachment server (127.0.145.3:8095).
 */
class BlobStoreAttachmentLinksTest {
    private static final String JAMES_DOMAIN = "james.test";
    private static final String PEER_DOMAIN = "rcpt.test";
    private static final String PASSWORD = "secret";
    private static final Duration WAIT = Duration.ofSeconds(90);

    public static class BlobsProbe implements GuiceProbe {
        private final BlobStoreDAO blobs;

        @Inject
        public BlobsProbe(BlobStoreDAO blobs) {
            this.blobs = blobs;
        }

        List<String> attachmentBlobs() {
            return Flux.from(blobs.listBlobs(BucketName.of(BlobStoreAttachments.BUCKET))).map(BlobId::asString).collectList().block();
        }
    }

    private static final Module BLOB_STORE = binder -> {
        binder.bind(AttachmentsConfiguration.class).toInstance(new AttachmentsConfiguration(
            Optional.of(new HostPort("127.0.145.3", 8095)), URI.create("http://127.0.145.3:8095/xmpp-files/"),
            AttachmentsConfiguration.DEFAULT_DIRECTORY, AttachmentsConfiguration.DEFAULT_EXPIRY,
            AttachmentsConfiguration.DEFAULT_MAX_FILE_SIZE, AttachmentsConfiguration.DEFAULT_THREADS, Optional.empty(),
            AttachmentsConfiguration.Store.BLOBSTORE));
        Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(BlobsProbe.class);
    };

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(BLOB_STORE);

    private static ProsodyPeer prosody;

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, "127.0.145.2")
            .resolve(JAMES_DOMAIN, "127.0.0.3")
            .user("alice", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopProsody() {
        prosody.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String mail(String from, String to, byte[] file) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(javax.mail.Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Minutes in the blob store");
        MimeMultipart multipart = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The minutes", "UTF-8");
        multipart.addBodyPart(text);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file, "application/pdf")));
        attachment.setFileName("minutes.pdf");
        multipart.addBodyPart(attachment);
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void theAttachmentShouldBeKeptInJamesBlobStoreAndDownloadedWithItsHash(GuiceJamesServer server) throws Exception {
        String bob = new JamesUsers(server, JAMES_DOMAIN, PASSWORD).ensureDomain().create("bob-blobs");
        byte[] file = new byte[300 * 1024];
        new Random(205).nextBytes(file);

        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
             SMTPMessageSender smtp = new SMTPMessageSender(JAMES_DOMAIN)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(bob, PASSWORD)
                .sendMessageWithHeaders(bob, List.of("alice@" + PEER_DOMAIN), mail(bob, "alice@" + PEER_DOMAIN, file));

            Message received = alice.awaitMessages(m -> "Minutes in the blob store".equals(m.getSubject()), 1, WAIT).get(0);
            FileSharingElement shared = FileSharingElement.from(received).get(0);
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(shared.url())).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

            String token = URI.create(shared.url()).getPath().split("/")[2];
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(sha256(response.body())).isEqualTo(sha256(file)).isEqualTo(shared.sha256Base64());
            assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(server.getProbe(BlobsProbe.class).attachmentBlobs()).contains("data-" + token, "meta-" + token);
        }
    }
}
