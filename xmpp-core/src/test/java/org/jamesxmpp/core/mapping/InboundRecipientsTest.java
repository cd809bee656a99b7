package org.jamesxmpp.core.mapping;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesxmpp.core.mapping.Fixtures.context;

import org.junit.jupiter.api.Test;

class InboundRecipientsTest {
    private static final String ADDRESSES = "<addresses xmlns='http://jabber.org/protocol/address'>";

    private static InboundMail convert(String to, String addresses) throws Exception {
        return (InboundMail) StanzaToMime.convert(Fixtures.parse(
            "<message xmlns='jabber:server' from='alice@a.test' to='" + to + "' id='m1'><body>hello</body>"
                + ADDRESSES + addresses + "</addresses></message>"),
            context("a.test"));
    }

    @Test
    void stanzaToAUserShouldGoOnlyToItWhenEveryAddressIsDelivered() throws Exception {
        InboundMail mail = convert("bob@james.test",
            "<address type='to' jid='bob@james.test' delivered='true'/><address type='cc' jid='carol@james.test' delivered='true'/>");

        assertThat(mail.recipients()).extracting(address -> address.asString()).containsExactly("bob@james.test");
        assertThat(Fixtures.text(mail)).contains("\r\nTo: bob@james.test\r\n").contains("\r\nCc: carol@james.test\r\n");
    }

    @Test
    void stanzaToAUserShouldAlsoGoToTheUndeliveredAddressesOnceEach() throws Exception {
        InboundMail mail = convert("bob@james.test",
            "<address type='to' jid='bob@james.test'/><address type='cc' jid='carol@james.test'/>"
                + "<address type='cc' jid='carol@james.test'/><address type='bcc' jid='dave@james.test'/>"
                + "<address type='replyto' jid='erin@james.test'/>");

        assertThat(mail.recipients()).extracting(address -> address.asString())
            .containsExactly("bob@james.test", "carol@james.test", "dave@james.test");
    }

    @Test
    void stanzaToTheMulticastServiceShouldGoToEveryUndeliveredRecipientAndHideTheBcc() throws Exception {
        InboundMail mail = convert("james.test",
            "<address type='to' jid='bob@james.test'/><address type='cc' jid='carol@james.test'/>"
                + "<address type='bcc' jid='dave@james.test'/><address type='to' jid='frank@james.test' delivered='true'/>");

        assertThat(mail.recipients()).extracting(address -> address.asString())
            .containsExactly("bob@james.test", "carol@james.test", "dave@james.test");
        assertThat(Fixtures.text(mail))
            .contains("\r\nTo: bob@james.test, frank@james.test\r\n")
            .contains("\r\nCc: carol@james.test\r\n")
            .doesNotContain("dave@james.test");
    }

    @Test
    void stanzaToTheMulticastServiceWithoutUndeliveredRecipientsShouldBeABadRequest() {
        assertThatThrownBy(() -> convert("james.test", "<address type='to' jid='bob@james.test' delivered='true'/>"))
            .isInstanceOfSatisfying(MappingException.class,
                e -> assertThat(e.getReason()).isEqualTo(MappingException.Reason.MALFORMED_STANZA));
    }
}
