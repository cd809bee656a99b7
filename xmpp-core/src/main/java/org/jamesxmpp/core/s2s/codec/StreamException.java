package org.jamesxmpp.core.s2s.codec;

/** A violation that ends the stream with a stream error. */
public class StreamException extends RuntimeException {
    private final StreamErrorCondition condition;

    public StreamException(StreamErrorCondition condition, String message) {
        super(condition.elementName() + ": " + message);
        this.condition = condition;
    }

    public StreamErrorCondition condition() {
        return condition;
    }
}
