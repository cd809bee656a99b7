package org.jamesxmpp.core.s2s.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jamesxmpp.testing.TestCertificateNames;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PeerCertificateNamesTest {
    static TestPki pki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
    }

    private static PeerCertificateNames names(TestCertificateNames names) {
        return PeerCertificateNames.of(pki.issue("x", names).certificate());
    }

    @Test
    void ofShouldReadEveryKindOfIdentity() {
        PeerCertificateNames testee = names(TestCertificateNames.none().commonName("cn.test").dnsName("dns.test")
            .srvName("_xmpp-server", "srv.test").xmppAddr("xmpp.test"));

        assertThat(testee).isEqualTo(new PeerCertificateNames(List.of("dns.test"), List.of("_xmpp-server.srv.test"),
            List.of("xmpp.test"), List.of("cn.test")));
    }

    @Test
    void wildcardShouldMatchExactlyOneLeftMostLabel() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of("*.a.test"), List.of(), List.of(), List.of());

        assertThat(testee.namesServer("chat.a.test")).isTrue();
        assertThat(testee.namesServer("a.test")).isFalse();
        assertThat(testee.namesServer("x.chat.a.test")).isFalse();
    }

    @Test
    void wildcardShouldNotMatchDirectlyUnderATopLevelDomain() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of("*.test"), List.of(), List.of(), List.of());

        assertThat(testee.namesServer("a.test")).isFalse();
    }

    @Test
    void partialWildcardsShouldMatchNothing() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of("c*.a.test", "*at.a.test", "chat.*.test"),
            List.of(), List.of(), List.of());

        assertThat(testee.namesServer("chat.a.test")).isFalse();
    }

    @Test
    void wildcardsShouldNotCountInXmppAddrsAndSrvIds() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of(), List.of("_xmpp-server.*.a.test"),
            List.of("*.a.test"), List.of());

        assertThat(testee.namesServer("chat.a.test")).isFalse();
    }

    @Test
    void comparisonShouldIgnoreCaseAndATrailingDot() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of("A.Test."), List.of(), List.of(), List.of());

        assertThat(testee.namesServer("a.TEST")).isTrue();
    }

    @Test
    void xmppAddrInUnicodeShouldNameItsALabelDomain() {
        PeerCertificateNames testee = names(TestCertificateNames.none().xmppAddr("bücher.test"));

        assertThat(testee.namesServer("xn--bcher-kva.test")).isTrue();
        assertThat(testee.namesServer("bücher.test")).isTrue();
    }

    @Test
    void xmppAddrWithAResourceShouldNameNothing() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of(), List.of(), List.of("a.test/res"), List.of());

        assertThat(testee.namesServer("a.test")).isFalse();
    }

    @Test
    void commonNameShouldCountOnlyWithoutOtherIdentities() {
        assertThat(new PeerCertificateNames(List.of(), List.of(), List.of(), List.of("a.test")).namesServer("a.test"))
            .isTrue();
        assertThat(new PeerCertificateNames(List.of(), List.of(), List.of("b.test"), List.of("a.test")).namesServer("a.test"))
            .isFalse();
    }

    @Test
    void domainThatIsNoDomainNameShouldBeNamedByNothing() {
        PeerCertificateNames testee = new PeerCertificateNames(List.of("*.test"), List.of(), List.of(""), List.of());

        assertThat(testee.namesServer("")).isFalse();
        assertThat(testee.namesServer("*.test")).isFalse();
    }

    @Test
    void otherNameOfAnotherTypeOrShapeShouldBeIgnored() {
        assertThat(OtherName.decode(new byte[] {0x30, 0x00})).isEmpty();
        assertThat(OtherName.decode(new byte[] {0x30, (byte) 0x85, 0, 0, 0, 0, 1})).isEmpty();
        assertThat(OtherName.decode(new byte[] {0x30, 0x10, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05,
            (byte) 0xa0, 0x04, 0x16, 0x02, 'a', 'b'})).as("XmppAddr as IA5String").isEmpty();
        assertThat(OtherName.decode(new byte[] {0x30, 0x10, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05,
            (byte) 0xa0, 0x04, 0x0c, 0x02, 'a', 'b'})).contains(new OtherName(OtherName.Kind.XMPP_ADDR, "ab"));
        assertThat(OtherName.decode(new byte[] {0x30, 0x10, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05,
            (byte) 0xa0, 0x04, 0x0c, 0x03, 'a', 'b'})).as("length beyond the end").isEmpty();
    }
}
