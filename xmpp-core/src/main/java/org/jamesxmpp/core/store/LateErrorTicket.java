package org.jamesxmpp.core.store;

import com.google.common.base.Preconditions;

/**
 * What is kept of a delivered stanza so that a stanza error its peer returns later, even after a restart, still reaches
 * the mail's sender: the {@code route} (which delivery registered for it, e.g. its outgoing queue), the mail's name,
 * sender and recipient, the retries the attempt had used, and the header lines a DSN returns (never the body). Bounded:
 * every field has a maximum length.
 */
public record LateErrorTicket(String route, String mailName, String sender, String recipient, int retries,
                              String returnedHeaders) {
    public static final int MAX_ROUTE_LENGTH = 255;
    public static final int MAX_NAME_LENGTH = 1024;
    public static final int MAX_ADDRESS_LENGTH = 320;
    public static final int MAX_HEADERS_LENGTH = 2048;

    public LateErrorTicket {
        check(route, "route", MAX_ROUTE_LENGTH);
        check(mailName, "mail name", MAX_NAME_LENGTH);
        check(sender, "sender", MAX_ADDRESS_LENGTH);
        check(recipient, "recipient", MAX_ADDRESS_LENGTH);
        Preconditions.checkArgument(retries >= 0, "retries must not be negative");
        Preconditions.checkArgument(returnedHeaders.length() <= MAX_HEADERS_LENGTH, "returned headers longer than %s characters",
            MAX_HEADERS_LENGTH);
    }

    private static void check(String value, String name, int maxLength) {
        Preconditions.checkArgument(!value.isBlank(), "%s must not be blank", name);
        Preconditions.checkArgument(value.length() <= maxLength, "%s longer than %s characters", name, maxLength);
    }
}
