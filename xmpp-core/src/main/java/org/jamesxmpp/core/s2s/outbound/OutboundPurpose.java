package org.jamesxmpp.core.s2s.outbound;

/** What an outgoing connection is for: delivering stanzas, or asking for a dialback verification. */
public sealed interface OutboundPurpose permits OutgoingStream, DialbackVerification {
    DomainPair pair();

    /** The connection ended; {@code clean} when both sides closed their streams properly. */
    void terminated(TerminationCause cause, boolean clean);
}
