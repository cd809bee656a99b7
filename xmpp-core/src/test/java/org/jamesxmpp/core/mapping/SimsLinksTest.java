package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.jamesxmpp.core.xep.sims.MediaSharingElement;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Inbound XEP-0385 (SIMS) files, as Conversations and Dino send them: the XEP's own example. */
class SimsLinksTest {
    private static final String PHOTO_URL = "https://download.montague.lit/4a771ac1/summit.jpg";
    private static final String SIMS = "<message from='juliet@capulet.lit/phone' to='romeo@james.test' id='sims1' type='normal'>"
        + "<body>Look at the summit</body>"
        + "<reference xmlns='urn:xmpp:reference:0' type='data' begin='0' end='4'>"
        + "<media-sharing xmlns='urn:xmpp:sims:1'>"
        + "<file xmlns='urn:xmpp:jingle:apps:file-transfer:5'>"
        + "<media-type>image/jpeg</media-type><name>summit.jpg</name><size>3032449</size>"
        + "<hash xmlns='urn:xmpp:hashes:2' algo='sha3-256'>2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=</hash>"
        + "<desc>Photo from the summit.</desc>"
        + "<thumbnail xmlns='urn:xmpp:thumbs:1' uri='cid:sha1+ffd7c8d28e9c5e82afea41f97108c6b4@bob.xmpp.org' "
        + "media-type='image/png' width='128' height='96'/>"
        + "</file>"
        + "<sources>"
        + "<reference xmlns='urn:xmpp:reference:0' type='data' uri='xmpp:juliet@capulet.lit/phone?jingle;id=9559976B'/>"
        + "<reference xmlns='urn:xmpp:reference:0' type='data' uri='" + PHOTO_URL + "'/>"
        + "</sources>"
        + "</media-sharing>"
        + "</reference>"
        + "<reference xmlns='urn:xmpp:reference:0' type='mention' begin='8' end='14' uri='xmpp:romeo@james.test'/>"
        + "</message>";

    private static MimeMessage convert(Message stanza, List<LinkFetch> links) throws Exception {
        InboundContext context = InboundContext.of(JidCreate.domainBareFrom("capulet.lit"), AuthMethod.DIALBACK, false,
            "james.test", Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
        InboundMail mail = (InboundMail) StanzaToMime.convert(stanza, context, links);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.mimeBytes()));
    }

    @Test
    void simsFileShouldBeReadWithItsNameTypeSizeAndSources() {
        List<MediaSharingElement> files = MediaSharingElement.from(Fixtures.parse(SIMS));

        assertThat(files).hasSize(2);
        assertThat(files.get(0).name()).contains("summit.jpg");
        assertThat(files.get(0).mediaType()).contains("image/jpeg");
        assertThat(files.get(0).size()).contains(3032449L);
        assertThat(files.get(0).sources()).containsExactly("xmpp:juliet@capulet.lit/phone?jingle;id=9559976B", PHOTO_URL);
        assertThat(files.get(1).sources()).isEmpty();
        assertThat(files.get(1).webSource()).isEmpty();
    }

    @Test
    void theHttpsSourceShouldBeTheLinkToFetchAndAMentionNone() {
        assertThat(InboundLinks.of(Fixtures.parse(SIMS))).containsExactly(PHOTO_URL);
    }

    @Test
    void fetchedSimsFileShouldBeAttachedAndNamedInTheBody() throws Exception {
        byte[] jpeg = "JFIF photo".getBytes(StandardCharsets.US_ASCII);

        MimeMessage mail = convert(Fixtures.parse(SIMS), List.of(new LinkFetch.Fetched(PHOTO_URL, "summit.jpg", "image/jpeg", jpeg)));

        Multipart mixed = (Multipart) mail.getContent();
        assertThat((String) mixed.getBodyPart(0).getContent()).contains("Look at the summit", "summit.jpg: " + PHOTO_URL);
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("summit.jpg");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(jpeg);
    }

    @Test
    void simsElementShouldRoundTrip() {
        MediaSharingElement element = new MediaSharingElement(Optional.of("a <b>.pdf"), Optional.of("application/pdf"),
            Optional.of(12L), List.of(PHOTO_URL));
        String xml = "<message from='a@b.test' to='c@james.test' id='x'>" + element.toXML().toString() + "</message>";

        assertThat(MediaSharingElement.from(Fixtures.parse(xml))).containsExactly(element);
    }
}
