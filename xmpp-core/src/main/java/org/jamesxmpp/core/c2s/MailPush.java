package org.jamesxmpp.core.c2s;

import java.util.Locale;
import java.util.Optional;

/** What a user's online XMPP resources get of a mail delivered to their INBOX ({@code c2s/mailToClient}). */
public enum MailPush {
    /** Nothing: the mail is in the mailbox only. */
    OFF,
    /** A short message from the mail's sender: its subject, so a reply answers the mail. */
    NOTICE,
    /** The whole mail as the mapping makes a stanza of it (text, XHTML-IM, small attachments). */
    FULL;

    public static Optional<MailPush> parse(String value) {
        for (MailPush push : values()) {
            if (push.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(push);
            }
        }
        return Optional.empty();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
