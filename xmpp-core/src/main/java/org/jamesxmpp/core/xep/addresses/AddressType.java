package org.jamesxmpp.core.xep.addresses;

import java.util.Arrays;
import java.util.Optional;

public enum AddressType {
    TO("to"),
    CC("cc"),
    BCC("bcc"),
    REPLYTO("replyto"),
    REPLYROOM("replyroom"),
    NOREPLY("noreply"),
    OFROM("ofrom");

    public static Optional<AddressType> parse(String value) {
        return Arrays.stream(values())
            .filter(type -> type.value.equals(value))
            .findFirst();
    }

    private final String value;

    AddressType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
