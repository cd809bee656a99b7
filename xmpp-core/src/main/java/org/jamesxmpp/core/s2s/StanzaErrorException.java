package org.jamesxmpp.core.s2s;

import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.StanzaError;

/** A stanza error (RFC 6120 8.3): raised by a handler to refuse a stanza, or received from a peer. */
public class StanzaErrorException extends RuntimeException {
    private final StanzaError.Condition condition;
    private final StanzaError.Type type;
    private final Optional<String> text;

    public StanzaErrorException(StanzaError.Condition condition, StanzaError.Type type, Optional<String> text) {
        super(condition + " (" + type + ")" + text.map(value -> ": " + value).orElse(""));
        this.condition = Objects.requireNonNull(condition, "condition");
        this.type = Objects.requireNonNull(type, "type");
        this.text = Objects.requireNonNull(text, "text");
    }

    public StanzaErrorException(StanzaError.Condition condition, StanzaError.Type type) {
        this(condition, type, Optional.empty());
    }

    public static StanzaErrorException of(StanzaError error) {
        StanzaError.Type type = Optional.ofNullable(error.getType()).orElse(StanzaError.Type.CANCEL);
        return new StanzaErrorException(error.getCondition(), type, Optional.ofNullable(error.getDescriptiveText()));
    }

    public StanzaError.Condition condition() {
        return condition;
    }

    public StanzaError.Type type() {
        return type;
    }

    public Optional<String> text() {
        return text;
    }
}
