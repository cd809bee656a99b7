package org.jamesxmpp.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.impl.JidCreate;

class AddressMapperTest {
    @Test
    void toJidShouldKeepAddressWhenPlain() throws Exception {
        assertThat(AddressMapper.toJid(new MailAddress("bob@james.test")).toString()).isEqualTo("bob@james.test");
    }

    @Test
    void toJidShouldEscapeWhenLocalPartHasXep0106Characters() throws Exception {
        assertThat(AddressMapper.toJid(new MailAddress("john.o'neil@a.test")).toString()).isEqualTo("john.o\\27neil@a.test");
        assertThat(AddressMapper.toJid(new MailAddress("a/b&c@a.test")).toString()).isEqualTo("a\\2fb\\26c@a.test");
    }

    @Test
    void toJidShouldUnquoteAndEscapeWhenQuotedLocalPart() throws Exception {
        assertThat(AddressMapper.toJid(new MailAddress("\"john doe\"@a.test")).toString()).isEqualTo("john\\20doe@a.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@james.test", "john.o'neil@a.test", "a/b&c@a.test", "\"john doe\"@a.test", "x+tag@a.test"})
    void mappingShouldRoundTripWhenMappable(String address) throws Exception {
        MailAddress original = new MailAddress(address);

        assertThat(AddressMapper.toMailAddress(AddressMapper.toJid(original))).isEqualTo(original);
    }

    @Test
    void toJidShouldRefuseWhenNullSender() {
        assertThatThrownBy(() -> AddressMapper.toJid(MailAddress.nullSender()))
            .isInstanceOf(UnmappableAddressException.class);
    }

    @Test
    void toJidShouldRefuseWhenAddressLiteral() {
        assertThatThrownBy(() -> AddressMapper.toJid(new MailAddress("x@[127.0.0.1]")))
            .isInstanceOf(UnmappableAddressException.class)
            .hasMessageContaining("x@");
    }

    @Test
    void toMailAddressShouldDropResourceWhenFullJid() throws Exception {
        assertThat(AddressMapper.toMailAddress(JidCreate.from("alice@a.test/phone"))).isEqualTo(new MailAddress("alice@a.test"));
    }

    @Test
    void toMailAddressShouldRefuseWhenDomainJid() {
        assertThatThrownBy(() -> AddressMapper.toMailAddress(JidCreate.from("a.test")))
            .isInstanceOf(UnmappableAddressException.class);
    }
}
