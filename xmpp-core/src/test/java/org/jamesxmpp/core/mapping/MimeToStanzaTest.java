package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;

class MimeToStanzaTest {
    private static final byte[] SIMPLE = crlf("From: Bob <bob@james.test>\n"
        + "To: alice@a.test\n"
        + "Subject: Hello\n"
        + "Date: Wed, 25 Nov 2026 10:00:00 +0100\n"
        + "Message-ID: <m1@james.test>\n"
        + "\n"
        + "Hi Alice\n");

    @Test
    void convertShouldMapSubjectBodyAndIdsWhenPlainMail() throws Exception {
        EncodedMail result = MailEncoder.encode(SIMPLE, address("bob@james.test"), List.of(address("alice@a.test")), MappingOptions.defaults());

        Message message = Fixtures.message(result.stanzas().get(0));
        assertThat(message.getSubject()).isEqualTo("Hello");
        assertThat(message.getBody()).isEqualTo("Hi Alice");
        assertThat(message.getStanzaId()).isEqualTo("m1@james.test");
        assertThat(OriginIdElement.getOriginId(message).getId()).isEqualTo("m1@james.test");
        assertThat(message.getThread()).isEqualTo("m1@james.test");
        assertThat(message.getType()).isEqualTo(Message.Type.normal);
        assertThat(DelayInformation.from(message).getStamp().toInstant()).hasToString("2026-11-25T09:00:00Z");
        assertThat(MultipleAddressesElement.from(message)).isNull();
    }

    @Test
    void encodedStanzaShouldInheritTheStreamNamespaceAndCountItsUtf8Bytes() throws Exception {
        EncodedMail result = MailEncoder.encode(SIMPLE, address("bob@james.test"), List.of(address("alice@a.test")), MappingOptions.defaults());

        String xml = result.stanzas().get(0).stanza().xml();
        assertThat(xml)
            .startsWith("<message to='alice@a.test' from='bob@james.test' id='m1@james.test' type='normal'><subject>Hello</subject><body>")
            .doesNotContain("jabber:client");
        assertThat(result.stanzas().get(0).stanza().bytes()).isEqualTo(xml.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void convertShouldCutAddressListAndSayItWhenOverTheCap() throws Exception {
        StringBuilder to = new StringBuilder("alice@a.test");
        for (int i = 0; i < 10; i++) {
            to.append(", user").append(i).append("@a.test");
        }
        byte[] mail = crlf("From: bob@james.test\nTo: " + to + "\nSubject: many\n\nhi\n");

        EncodedMail result = MailEncoder.encode(mail, address("bob@james.test"), List.of(address("alice@a.test")),
            MappingOptions.defaults().withMaxAddresses(5));

        assertThat(MultipleAddressesElement.from(Fixtures.message(result.stanzas().get(0))).getAddresses()).hasSize(5);
        assertThat(result.notes()).containsExactly("address list cut to 5 entries");
    }

    @Test
    void convertShouldGiveOneStanzaPerRecipientWhenSeveralRecipients() throws Exception {
        EncodedMail result = MailEncoder.encode(SIMPLE, address("bob@james.test"),
            List.of(address("alice@a.test"), address("carol@a.test")), MappingOptions.defaults());

        assertThat(result.stanzas()).extracting(stanza -> stanza.stanza().to().orElseThrow().toString())
            .containsExactly("alice@a.test", "carol@a.test");
    }

    @Test
    void convertShouldListOnlyOwnBccWhenRecipientIsBcc() throws Exception {
        EncodedMail result = MailEncoder.encode(SIMPLE, address("bob@james.test"),
            List.of(address("alice@a.test"), address("eve@a.test"), address("mallory@a.test")), MappingOptions.defaults());

        MultipleAddressesElement forAlice = MultipleAddressesElement.from(Fixtures.message(result.stanzas().get(0)));
        MultipleAddressesElement forEve = MultipleAddressesElement.from(Fixtures.message(result.stanzas().get(1)));
        assertThat(forAlice).isNull();
        assertThat(forEve.getAddresses(AddressType.BCC)).extracting(entry -> entry.jid().get().toString()).containsExactly("eve@a.test");
        assertThat(result.stanzas().get(1).stanza().xml()).doesNotContain("mallory");
        assertThat(result.stanzas().get(0).stanza().xml()).doesNotContain("eve@a.test").doesNotContain("mallory");
    }

    @Test
    void convertShouldMapInReplyToAndReferencesWhenReply() throws Exception {
        byte[] reply = crlf("From: bob@james.test\nTo: alice@a.test\nSubject: Re: x\nMessage-ID: <m2@james.test>\n"
            + "In-Reply-To: <abc.a.test@xmpp-id.invalid>\nReferences: <root@james.test> <abc.a.test@xmpp-id.invalid>\n\nok\n");

        Message message = Fixtures.message(MailEncoder.encode(reply, address("bob@james.test"), List.of(address("alice@a.test")), MappingOptions.defaults())
            .stanzas().get(0));

        assertThat(ReplyElement.from(message)).map(ReplyElement::getId).contains("abc");
        assertThat(message.getThread()).isEqualTo("root@james.test");
    }

    @Test
    void convertShouldFailWithDsnReasonWhenRecipientNotMappable() {
        assertThatThrownBy(() -> MailEncoder.encode(SIMPLE, address("bob@james.test"), List.of(address("x@[127.0.0.1]")), MappingOptions.defaults()))
            .isInstanceOfSatisfying(MappingException.class, e -> {
                assertThat(e.getReason()).isEqualTo(MappingException.Reason.UNMAPPABLE_RECIPIENT);
                assertThat(e.dsnStatus()).isEqualTo("5.1.3");
            });
    }

    @Test
    void convertShouldReadJavaMailMessageWhenGivenOne() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(SIMPLE));

        EncodedMail result = MailEncoder.encode(message, address("bob@james.test"), List.of(address("alice@a.test")), MappingOptions.defaults());

        assertThat(Fixtures.message(result.stanzas().get(0)).getBody()).isEqualTo("Hi Alice");
    }
}
