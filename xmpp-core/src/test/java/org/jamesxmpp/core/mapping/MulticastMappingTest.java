package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.jamesxmpp.core.mapping.Fixtures.address;
import static org.jamesxmpp.core.mapping.Fixtures.crlf;

import java.util.List;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class MulticastMappingTest {
    private static final byte[] MAIL = crlf("From: Bob <bob@james.test>\n"
        + "To: Alice <alice@a.test>, dora@b.test\n"
        + "Cc: carol@a.test\n"
        + "Subject: Board\n"
        + "Message-ID: <mc1@james.test>\n"
        + "\n"
        + "Agenda\n");
    private static final List<MailAddress> RECIPIENTS = List.of(address("alice@a.test"), address("eve@a.test"),
        address("carol@a.test"), address("frank@a.test"));

    private static EncodedMail encode(Set<String> multicastDomains) throws Exception {
        return MailEncoder.encode(MAIL, address("bob@james.test"), RECIPIENTS, MappingOptions.defaults(), multicastDomains);
    }

    private static List<String> delivering(Message message) {
        return MultipleAddressesElement.from(message).getAddresses().stream()
            .filter(entry -> !entry.delivered())
            .map(entry -> entry.type().value() + ":" + entry.jid().map(Object::toString).orElse(""))
            .toList();
    }

    @Test
    void toAndCcRecipientsOfAMulticastDomainShouldShareOneStanzaToTheDomain() throws Exception {
        EncodedMail result = encode(Set.of("a.test"));

        EncodedMail.Recipient multicast = result.stanzas().get(0);
        assertThat(multicast.multicast()).containsExactly(address("alice@a.test"), address("carol@a.test"));
        assertThat(multicast.recipients()).containsExactly(address("alice@a.test"), address("carol@a.test"));
        assertThat(multicast.stanza().to().orElseThrow().toString()).isEqualTo("a.test");
        Message message = Fixtures.message(multicast);
        assertThat(delivering(message)).containsExactly("to:alice@a.test", "cc:carol@a.test");
        assertThat(MultipleAddressesElement.from(message).getAddresses(AddressType.TO))
            .extracting(entry -> entry.jid().orElseThrow().toString(), AddressEntry::delivered)
            .containsExactly(tuple("alice@a.test", false),
                tuple("dora@b.test", true));
        assertThat(message.getBody()).isEqualTo("Agenda");
    }

    @Test
    void bccRecipientsShouldKeepStanzasOfTheirOwnThatNoOtherStanzaMentions() throws Exception {
        EncodedMail result = encode(Set.of("a.test"));

        assertThat(result.stanzas()).extracting(stanza -> stanza.stanza().to().orElseThrow().toString())
            .containsExactly("a.test", "eve@a.test", "frank@a.test");
        assertThat(result.stanzas().get(0).stanza().xml()).doesNotContain("eve@a.test").doesNotContain("frank@a.test");
        Message forEve = Fixtures.message(result.stanzas().get(1));
        assertThat(MultipleAddressesElement.from(forEve).getAddresses(AddressType.BCC))
            .extracting(entry -> entry.jid().orElseThrow().toString()).containsExactly("eve@a.test");
        assertThat(result.stanzas().get(1).stanza().xml()).doesNotContain("frank@a.test");
        assertThat(result.stanzas().get(1).multicast()).isEmpty();
    }

    @Test
    void stanzasShouldStayOnePerRecipientWhenTheDomainIsNoMulticastService() throws Exception {
        EncodedMail result = encode(Set.of("b.test"));

        assertThat(result.stanzas()).extracting(stanza -> stanza.stanza().to().orElseThrow().toString())
            .containsExactly("alice@a.test", "eve@a.test", "carol@a.test", "frank@a.test");
        assertThat(result.stanzas()).allSatisfy(stanza -> assertThat(stanza.multicast()).isEmpty());
        assertThat(MultipleAddressesElement.from(Fixtures.message(result.stanzas().get(0))).getAddresses())
            .allMatch(AddressEntry::delivered);
    }

    @Test
    void aSingleVisibleRecipientShouldNotBeMulticast() throws Exception {
        EncodedMail result = MailEncoder.encode(MAIL, address("bob@james.test"),
            List.of(address("alice@a.test"), address("eve@a.test")), MappingOptions.defaults(), Set.of("a.test"));

        assertThat(result.stanzas()).extracting(stanza -> stanza.stanza().to().orElseThrow().toString())
            .containsExactly("alice@a.test", "eve@a.test");
    }

    @Test
    void recipientsBeyondTheAddressCapShouldKeepStanzasOfTheirOwn() throws Exception {
        EncodedMail result = MailEncoder.encode(MAIL, address("bob@james.test"), RECIPIENTS,
            MappingOptions.defaults().withMaxAddresses(2), Set.of("a.test"));

        assertThat(result.stanzas()).extracting(stanza -> stanza.stanza().to().orElseThrow().toString())
            .containsExactly("alice@a.test", "eve@a.test", "carol@a.test", "frank@a.test");
    }
}
