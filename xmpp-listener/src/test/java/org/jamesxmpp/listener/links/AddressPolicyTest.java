package org.jamesxmpp.listener.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.net.InetAddresses;

class AddressPolicyTest {
    AddressPolicy testee = new AddressPolicy(List.of("127.0.145.0/24", "fd00::5"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::", "::1", "fe80::1", "fc00::1",
        "fd00::6", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::",
        "2002:a9fe:a9fe::"})
    void internalAddressesShouldBeRefused(String address) {
        assertThat(testee.refusal(InetAddresses.forString(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "2a00:1450:4001::200e",
        "::ffff:93.184.216.34", "127.0.145.6", "fd00::5"})
    void publicOrAllowedAddressesShouldBeFetchedFrom(String address) {
        assertThat(testee.refusal(InetAddresses.forString(address))).isEmpty();
    }
}
