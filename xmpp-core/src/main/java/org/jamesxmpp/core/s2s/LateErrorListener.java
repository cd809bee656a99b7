package org.jamesxmpp.core.s2s;

/**
 * Told when a peer returns a stanza error for a stanza it had already acknowledged. Called on an engine thread:
 * must not block.
 */
@FunctionalInterface
public interface LateErrorListener {
    LateErrorListener NONE = error -> { };

    void lateError(StanzaErrorException error);

    /**
     * The engine forgot the send (it failed, its retention ended, or its error is being reported): called once per
     * send; when an error is reported, {@link #lateError} follows right after.
     */
    default void released() {
    }
}
