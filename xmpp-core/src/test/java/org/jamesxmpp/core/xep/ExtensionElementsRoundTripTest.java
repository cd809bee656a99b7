package org.jamesxmpp.core.xep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.StandaloneStanzas;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class ExtensionElementsRoundTripTest {
    private static Message roundTrip(ExtensionElement element) throws Exception {
        Message message = StanzaBuilder.buildMessage("id1")
            .from(JidCreate.from("alice@a.test"))
            .to(JidCreate.from("bob@james.test"))
            .addExtension(element)
            .build();
        return parse(StanzaCodec.serialize(message));
    }

    @Test
    void multipleAddressesShouldRoundTripWhenDescHasQuotes() throws Exception {
        MultipleAddressesElement testee = new MultipleAddressesElement(List.of(
            AddressEntry.ofJid(AddressType.TO, JidCreate.from("bob@james.test"), Optional.of("Bob \"B\" O'Neil <x>"), true),
            AddressEntry.ofUri(AddressType.CC, "mailto:dan@b.test", Optional.empty(), false)));

        assertThat(MultipleAddressesElement.from(roundTrip(testee))).isEqualTo(testee);
    }

    @Test
    void multipleAddressesShouldWriteDescOnceWhenSerialized() throws Exception {
        MultipleAddressesElement testee = new MultipleAddressesElement(List.of(
            AddressEntry.ofJid(AddressType.TO, JidCreate.from("bob@james.test"), Optional.of("a' b='c"), true)));

        assertThat(testee.toXML().toString())
            .isEqualTo("<addresses xmlns='http://jabber.org/protocol/address'><address type='to' jid='bob@james.test' desc='a&apos; b=&apos;c' delivered='true'/></addresses>");
    }

    @Test
    void multipleAddressesProviderShouldSkipUnknownTypesWhenPeerSendsThem() throws Exception {
        Message message = parse("<message xmlns='jabber:server' from='a@a.test' to='b@james.test'>"
            + "<addresses xmlns='http://jabber.org/protocol/address'><address type='nonsense' jid='x@a.test'/>"
            + "<address type='cc' jid='@@invalid'/><address type='to' jid='b@james.test'/></addresses></message>");

        assertThat(MultipleAddressesElement.from(message).getAddresses())
            .extracting(AddressEntry::type)
            .containsExactly(AddressType.TO);
    }

    @Test
    void replyShouldRoundTrip() throws Exception {
        ReplyElement testee = new ReplyElement(Optional.of(JidCreate.from("bob@james.test/laptop")), "m1@james.test");

        assertThat(ReplyElement.from(roundTrip(testee))).contains(testee);
    }

    @Test
    void fileSharingShouldRoundTrip() throws Exception {
        FileSharingElement testee = new FileSharingElement("application/pdf", "report <v2> & co.pdf", 307_200,
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "https://files.james.test/xmpp-files/abc/report.pdf?x=1&y=2");

        assertThat(FileSharingElement.from(roundTrip(testee))).containsExactly(testee);
    }

    @Test
    void outOfBandDataShouldRoundTrip() throws Exception {
        OutOfBandDataElement testee = new OutOfBandDataElement("https://files.james.test/a?b=1&c=2", Optional.of("report <v2>"));

        assertThat(OutOfBandDataElement.from(roundTrip(testee))).containsExactly(testee);
    }

    @Test
    void originalMimeShouldRoundTripBytes() throws Exception {
        byte[] mime = "Subject: x\r\n\r\n\u00e9\u0000body".getBytes(StandardCharsets.UTF_8);

        assertThat(OriginalMimeElement.from(roundTrip(OriginalMimeElement.of(mime))).get().decode()).isEqualTo(mime);
    }

    private static Message parse(String xml) {
        return StandaloneStanzas.parseMessage(xml, S2sSettings.DEFAULT_MAX_STANZA_SIZE);
    }
}
