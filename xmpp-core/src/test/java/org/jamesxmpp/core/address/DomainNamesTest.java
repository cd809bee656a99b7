package org.jamesxmpp.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a.test", "james.test", "xmpp.example.org", "A.Test", "xn--mnchen-3ya.de", "münchen.de",
        "a-b.c-d.example", "1and1.com"})
    void isRemoteDomainNameShouldAcceptHostNames(String name) {
        assertThat(DomainNames.isRemoteDomainName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "intranet", "127.0.0.1", "10.0.0.5", "[::1]", "::1", "[127.0.0.1]",
        "0x7f.1", "foo.localhost", "printer.local", "db.internal", "x.invalid", "1.0.0.127.in-addr.arpa", "a..test",
        ".a.test", "a.test.", "-a.test", "a-.test", "a_b.test", "a.test:5269", "a test.org", "a.test/x", "user@a.test",
        "2130706433"})
    void isRemoteDomainNameShouldRefuseIpLiteralsAndLocalNames(String name) {
        assertThat(DomainNames.isRemoteDomainName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 254})
    void isRemoteDomainNameShouldRefuseOverlongNames(int length) {
        String name = length == 64 ? "a".repeat(64) + ".test" : ("a".repeat(62) + ".").repeat(4) + "test";

        assertThat(DomainNames.isRemoteDomainName(name)).isFalse();
    }
}
