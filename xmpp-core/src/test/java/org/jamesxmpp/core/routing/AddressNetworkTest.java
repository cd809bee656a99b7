package org.jamesxmpp.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.net.InetAddresses;

class AddressNetworkTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.120.6", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "0.1.2.3", "192.0.2.1", "198.18.0.1", "224.0.0.1", "255.255.255.255",
        "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "2001:db8::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::1"})
    void addressesOutsideThePublicInternetShouldNotBePublic(String address) {
        assertThat(AddressNetwork.isPublic(InetAddresses.forString(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.15.255.255", "172.32.0.1", "100.128.0.1", "93.184.216.34",
        "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicAddressesShouldBePublic(String address) {
        assertThat(AddressNetwork.isPublic(InetAddresses.forString(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "intranet/8", "10.0.0.0/x", ""})
    void malformedNetworksShouldBeRefused(String network) {
        assertThatThrownBy(() -> AddressNetwork.parse(network)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.120.1", "127.0.120.255"})
    void networkShouldContainItsAddresses(String address) {
        assertThat(AddressNetwork.parse("127.0.120.0/24").contains(InetAddresses.forString(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.121.1", "::1", "10.0.120.1"})
    void networkShouldNotContainOtherAddresses(String address) {
        assertThat(AddressNetwork.parse("127.0.120.0/24").contains(InetAddresses.forString(address))).isFalse();
    }
}
