package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.james.core.MailAddress;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Round-trip properties over 300 generated cases each (seed = case number).
 */
class RoundTripTest {
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mailShouldKeepSubjectTextAddressesAndThreadingWhenGoingThroughXmpp(long seed) throws Exception {
        RandomInputs random = new RandomInputs(seed);
        String subject = random.words(1, 8);
        String text = random.text();
        List<String> to = new ArrayList<>(List.of(random.address("a.test")));
        if (random.nextBoolean()) {
            to.add(random.address("b.test"));
        }
        List<String> cc = random.nextBoolean() ? List.of(random.address("c.test")) : List.of();
        String messageId = random.localPart() + "@james.test";
        List<String> references = random.nextBoolean() ? List.of("root" + seed + "@a.test", "prev" + seed + "@a.test") : List.of();
        byte[] mail = random.mail("bob@james.test", to, cc, subject, text, messageId, references);

        MailAddress recipient = new MailAddress(to.get(0));
        EncodedMail.Recipient stanza = MailEncoder.encode(mail, new MailAddress("bob@james.test"), List.of(recipient), MappingOptions.defaults())
            .stanzas().get(0);
        InboundMail back = (InboundMail) StanzaToMime.convert(Fixtures.parse(stanza.stanza().xml()), Fixtures.context("james.test"));
        org.apache.james.mime4j.dom.Message parsed = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(back.mimeBytes()));

        assertThat(parsed.getSubject()).isEqualTo(subject);
        assertThat(plainText(parsed)).isEqualTo(text);
        assertThat(addresses(parsed.getTo().flatten())).isEqualTo(to);
        assertThat(parsed.getCc() == null ? List.of() : addresses(parsed.getCc().flatten())).isEqualTo(cc);
        assertThat(parsed.getMessageId()).isEqualTo("<" + messageId + ">");
        assertThat(back.recipients()).containsExactly(recipient);
        if (!references.isEmpty()) {
            assertThat(parsed.getHeader().getField("In-Reply-To").getBody()).isEqualTo("<prev" + seed + "@a.test>");
            assertThat(parsed.getHeader().getField("References").getBody()).isEqualTo("<root" + seed + "@a.test> <prev" + seed + "@a.test>");
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void stanzaShouldKeepBodySubjectThreadIdsAndTypeWhenGoingThroughMail(long seed) throws Exception {
        RandomInputs random = new RandomInputs(seed);
        Message.Type type = List.of(Message.Type.chat,
            Message.Type.normal, Message.Type.headline).get(random.nextInt(3));
        String id = random.id();
        String body = random.text();
        Optional<String> subject = random.nextBoolean() ? Optional.of(random.words(1, 6)) : Optional.empty();
        Optional<String> thread = random.nextBoolean() ? Optional.of(random.id()) : Optional.empty();
        Optional<String> replyTo = random.nextBoolean() ? Optional.of(random.id()) : Optional.empty();
        MessageBuilder builder = StanzaBuilder.buildMessage(id)
            .from(JidCreate.from("alice@a.test/phone"))
            .to(JidCreate.from("bob@james.test"))
            .ofType(type)
            .setBody(body)
            .addExtension(new OriginIdElement(id));
        subject.ifPresent(builder::setSubject);
        thread.ifPresent(builder::setThread);
        replyTo.ifPresent(reply -> builder.addExtension(new ReplyElement(Optional.empty(), reply)));
        Message original = Fixtures.parse(StanzaCodec.serialize(builder.build()));

        InboundMail mail = (InboundMail) StanzaToMime.convert(original, Fixtures.context("a.test"));
        Message back = Fixtures.message(MailEncoder.encode(mail.mimeBytes(), mail.sender(), mail.recipients(), MappingOptions.defaults())
            .stanzas().get(0));

        assertThat(back.getBody()).isEqualTo(body);
        assertThat(Optional.ofNullable(back.getSubject())).isEqualTo(subject);
        assertThat(back.getStanzaId()).isEqualTo(id);
        assertThat(OriginIdElement.getOriginId(back).getId()).isEqualTo(id);
        assertThat(back.getType()).isEqualTo(type);
        assertThat(back.getThread()).isEqualTo(thread.or(() -> replyTo).orElse(id));
        assertThat(ReplyElement.from(back).map(ReplyElement::getId)).isEqualTo(replyTo);
        assertThat(back.getFrom().toString()).isEqualTo("alice@a.test");
        assertThat(back.getTo().toString()).isEqualTo("bob@james.test");
    }

    private static List<String> addresses(List<Mailbox> mailboxes) {
        return mailboxes.stream().map(Mailbox::getAddress).collect(Collectors.toList());
    }

    private static String plainText(org.apache.james.mime4j.dom.Message message) throws Exception {
        TextBody body;
        if (message.getBody() instanceof Multipart) {
            body = (TextBody) ((Multipart) message.getBody()).getBodyParts().get(0).getBody();
        } else {
            body = (TextBody) message.getBody();
        }
        return new String(body.getInputStream().readAllBytes(), body.getMimeCharset()).replace("\r\n", "\n").stripTrailing();
    }
}
