package org.jamesxmpp.mailets.remote.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to a recipient that cannot be reached over XMPP. */
public enum Fallback {
    /** An RFC 3464 DSN goes back to the sender. */
    BOUNCE("bounce"),
    /** The recipient goes on to SMTP: the mail continues in the fallback processor, past the XMPP matcher. */
    SMTP("smtp");

    private final String value;

    Fallback(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Fallback> parse(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
            .filter(fallback -> fallback.value.equals(normalized))
            .findFirst();
    }
}
