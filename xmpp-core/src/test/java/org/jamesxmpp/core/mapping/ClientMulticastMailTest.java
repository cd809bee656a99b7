package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** A client's XEP-0033 multicast to its server as the one mail it becomes. */
class ClientMulticastMailTest {
    private static InboundContext clientContext() {
        return InboundContext.of(JidCreate.domainBareFromOrThrowUnchecked("james.test"), AuthMethod.CLIENT_SASL_PLAIN, true,
            "mx.james.test", Fixtures.CLOCK);
    }

    private static String multicast(String addresses) {
        return "<message xmlns='jabber:server' from='bob@james.test/phone' to='james.test' id='m1'><subject>Lunch</subject>"
            + "<body>At noon.</body><addresses xmlns='http://jabber.org/protocol/address'>" + addresses + "</addresses></message>";
    }

    @Test
    void multicastShouldBeOneMailToEveryoneWithBccInTheEnvelopeOnly() throws Exception {
        InboundMail mail = (InboundMail) StanzaToMime.convert(Fixtures.parse(multicast(
            "<address type='to' jid='ann@mail.test' desc='Ann'/><address type='cc' jid='ben@mail.test'/>"
                + "<address type='bcc' jid='cid@mail.test'/><address type='replyto' jid='team@mail.test'/>")), clientContext());

        assertThat(mail.recipients()).extracting(address -> address.asString())
            .containsExactly("ann@mail.test", "ben@mail.test", "cid@mail.test");
        assertThat(Fixtures.text(mail))
            .contains("\r\nTo: Ann <ann@mail.test>\r\n")
            .contains("\r\nCc: ben@mail.test\r\n")
            .contains("\r\nReply-To: team@mail.test\r\n")
            .doesNotContainPattern("(?im)^bcc:")
            .doesNotContain("cid@mail.test");
    }

    @Test
    void multicastBeyondTheAddressLimitShouldBeNotAcceptable() {
        String addresses = IntStream.rangeClosed(1, MappingOptions.DEFAULT_MAX_ADDRESSES + 1)
            .mapToObj(i -> "<address type='bcc' jid='user" + i + "@mail.test'/>")
            .collect(Collectors.joining());

        assertThatThrownBy(() -> StanzaToMime.convert(Fixtures.parse(multicast(addresses)), clientContext()))
            .isInstanceOfSatisfying(MappingException.class,
                e -> assertThat(e.stanzaErrorCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
    }
}
