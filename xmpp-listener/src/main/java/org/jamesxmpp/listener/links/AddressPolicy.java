package org.jamesxmpp.listener.links;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;

/**
 * Which addresses a link of a remote sender may make us connect to: public unicast ones only, unless an administrator
 * allowed a range. Refused: loopback, unspecified, link-local, private (RFC 1918, IPv6 ULA), shared (RFC 6598),
 * multicast, benchmarking, reserved and documentation ranges, and IPv4 addresses embedded in IPv6 (mapped,
 * compatible, 6to4, NAT64) that are any of these.
 */
final class AddressPolicy {
    private static final List<Cidr> FORBIDDEN = ImmutableList.of(
        Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
        Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"),
        Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
        Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/3"),
        Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"), Cidr.parse("fec0::/10"),
        Cidr.parse("ff00::/8"), Cidr.parse("2001:db8::/32"), Cidr.parse("100::/64"));

    private final List<Cidr> allowed;

    AddressPolicy(List<String> allowedRanges) {
        this.allowed = allowedRanges.stream().map(Cidr::parse).collect(ImmutableList.toImmutableList());
    }

    /** Why {@code address} must not be connected to, or empty when it may. */
    Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        InetAddress checked = embeddedIpv4(address).orElse(address);
        if (FORBIDDEN.stream().anyMatch(range -> range.contains(checked))
            || checked.isAnyLocalAddress() || checked.isLoopbackAddress() || checked.isLinkLocalAddress()
            || checked.isSiteLocalAddress() || checked.isMulticastAddress()) {
            return Optional.of(InetAddresses.toAddrString(address) + " is a private, loopback, link-local or reserved address");
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address ipv6)) {
            return Optional.empty();
        }
        byte[] bytes = ipv6.getAddress();
        boolean mappedOrCompatible = isZero(bytes, 0, 10) && (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff
            || bytes[10] == 0 && bytes[11] == 0 && !isZero(bytes, 12, 4));
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b;
        if (mappedOrCompatible || nat64) {
            return Optional.of(ipv4(bytes, 12));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return Optional.of(ipv4(bytes, 2));
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte[] bytes, int offset) {
        return InetAddresses.fromInteger(((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
            | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff));
    }

    private record Cidr(byte[] network, int prefix) {
        static Cidr parse(String value) {
            int slash = value.indexOf('/');
            InetAddress address = InetAddresses.forString(slash < 0 ? value : value.substring(0, slash));
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix in " + value);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
