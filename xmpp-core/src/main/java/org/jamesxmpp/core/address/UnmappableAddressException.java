package org.jamesxmpp.core.address;

/**
 * An address that has no counterpart on the other network (mail address without a valid JID form, or the reverse).
 */
public class UnmappableAddressException extends Exception {
    private final String address;

    public UnmappableAddressException(String address, String reason) {
        super("Address '" + printable(address) + "' cannot be mapped: " + reason);
        this.address = address;
    }

    public String getAddress() {
        return address;
    }

    private static String printable(String value) {
        StringBuilder builder = new StringBuilder(Math.min(value.length(), 200));
        value.codePoints()
            .limit(200)
            .forEach(codePoint -> builder.appendCodePoint(Character.isISOControl(codePoint) ? '?' : codePoint));
        return builder.toString();
    }
}
