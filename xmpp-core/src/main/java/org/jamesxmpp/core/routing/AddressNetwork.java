package org.jamesxmpp.core.routing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.google.common.base.Preconditions;
import com.google.common.net.InetAddresses;

/**
 * A block of IP addresses, {@code 10.0.0.0/8} or {@code fc00::/7}; and which addresses are not on the public
 * internet (IANA special-purpose registries: loopback, private, shared, link-local, unique-local, unspecified,
 * documentation, benchmarking, multicast, reserved). Immutable.
 */
public record AddressNetwork(InetAddress base, int prefixLength) {
    private static final List<AddressNetwork> NOT_PUBLIC = List.of(
        parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"), parse("169.254.0.0/16"),
        parse("172.16.0.0/12"), parse("192.0.0.0/24"), parse("192.0.2.0/24"), parse("192.168.0.0/16"),
        parse("198.18.0.0/15"), parse("198.51.100.0/24"), parse("203.0.113.0/24"), parse("224.0.0.0/3"),
        parse("::/128"), parse("::1/128"), parse("100::/64"), parse("2001:db8::/32"), parse("fc00::/7"),
        parse("fe80::/10"), parse("fec0::/10"), parse("ff00::/8"));

    public AddressNetwork {
        int bits = base.getAddress().length * 8;
        Preconditions.checkArgument(prefixLength >= 0 && prefixLength <= bits, "prefix length %s out of range for %s",
            prefixLength, base.getHostAddress());
    }

    /** @throws IllegalArgumentException unless {@code cidr} is an IP literal with an optional {@code /prefix} */
    public static AddressNetwork parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress base = InetAddresses.forString(address);
        int prefix = slash < 0 ? base.getAddress().length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        return new AddressNetwork(base, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] network = base.getAddress();
        byte[] candidate = address.getAddress();
        if (network.length != candidate.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(network, 0, fullBytes, candidate, 0, fullBytes)) {
            return false;
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits) & 0xFF;
        return (network[fullBytes] & mask) == (candidate[fullBytes] & mask);
    }

    /**
     * False for every special-purpose block above, also when an IPv6 address embeds such an IPv4 address
     * (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4, Teredo).
     */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Optional<InetAddress> embedded = embeddedIpv4(v6);
            if (embedded.isPresent()) {
                return isPublic(embedded.get());
            }
        }
        return NOT_PUBLIC.stream().noneMatch(network -> network.contains(address));
    }

    private static Optional<InetAddress> embeddedIpv4(Inet6Address address) {
        byte[] bytes = address.getAddress();
        if (isMappedOrCompatible(bytes) || isNat64(bytes)) {
            try {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an IPv4 address", e);
            }
        }
        if (InetAddresses.is6to4Address(address) || InetAddresses.isTeredoAddress(address)) {
            return Optional.of(InetAddresses.getEmbeddedIPv4ClientAddress(address));
        }
        return Optional.empty();
    }

    private static boolean isNat64(byte[] bytes) {
        return bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
            && Arrays.equals(bytes, 4, 12, new byte[8], 0, 8);
    }

    /** {@code ::ffff:a.b.c.d}, or {@code ::a.b.c.d} other than {@code ::} and {@code ::1}. */
    private static boolean isMappedOrCompatible(byte[] bytes) {
        boolean zeroPrefix = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10);
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0);
        return zeroPrefix && (mapped || compatible);
    }

    @Override
    public String toString() {
        return base.getHostAddress() + "/" + prefixLength;
    }
}
