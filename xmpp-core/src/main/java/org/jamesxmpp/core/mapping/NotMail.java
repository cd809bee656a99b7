package org.jamesxmpp.core.mapping;

import java.util.Objects;

/**
 * A stanza that does not become a mail. Nothing is delivered; no error is owed to the sender.
 */
public record NotMail(Kind kind) implements InboundResult {
    public enum Kind {
        GROUPCHAT,
        ERROR,
        NO_CONTENT
    }

    public NotMail {
        Objects.requireNonNull(kind);
    }
}
