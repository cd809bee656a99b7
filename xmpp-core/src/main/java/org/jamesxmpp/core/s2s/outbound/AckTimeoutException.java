package org.jamesxmpp.core.s2s.outbound;

/** The peer did not acknowledge in time (XEP-0198 {@code <r/>} or our ping): the stream is considered broken. */
public class AckTimeoutException extends RuntimeException {
    public AckTimeoutException(String remote) {
        super("no acknowledgement from " + remote + " in time");
    }
}
